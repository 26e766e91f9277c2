import { isMap } from 'yaml';
import type { SourceDocument } from '../../model/types';

/**
 * Helm installs an object whose template writes no namespace into the release namespace: as certain
 * as a written `{{ .Release.Namespace }}` (which counts as written), so it counts as written there,
 * not guessed. A namespace written but unknown (a value that differs per `range` item) stays a guess.
 */
export function placeInReleaseNamespace(doc: SourceDocument, releaseNamespace: string): void {
  for (const object of doc.objects) {
    // Cluster-scoped kinds have none.
    if (object.namespace === undefined) continue;
    const metadata = object.node.get('metadata', true);
    if (isMap(metadata) && metadata.has('namespace')) continue;
    object.writtenNamespace = releaseNamespace;
    object.namespace = { value: releaseNamespace, source: 'explicit' };
  }
}
