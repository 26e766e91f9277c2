// Workspaces for the editor-side bench (lsp-bench.ts): plain files, Helm charts and kustomize overlays,
// each with one file to open whose Role holds a verb the keystrokes add a typo to and take it away from.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { syntheticWorkspace, type SyntheticFile } from '../helpers/synthetic-workspace';
import { thousands } from './report';

export type LspShape = 'plain' | 'helm' | 'kustomize';

export interface LspWorkspace {
  dir: string;
  shape: LspShape;
  files: number;
  description: string;
  /** The file the editor opens, relative to `dir`. */
  open: string;
}

const RBAC = 'rbac.authorization.k8s.io';
const DESCRIPTION = 'lsp-bench-workspace.json';

/** `count` files, each a ServiceAccount, a Role and its RoleBinding (the workspace). */
function plain(count: number): { files: SyntheticFile[]; open: string } {
  const files = syntheticWorkspace('sa-role-binding', count);
  return { files, open: files[Math.floor(files.length / 2)].path };
}

/** `count / 4` charts of four files: Chart.yaml, values.yaml, a templated ServiceAccount, a templated Role + RoleBinding. */
function helm(count: number): { files: SyntheticFile[]; open: string } {
  const files: SyntheticFile[] = [];
  const charts = Math.max(1, Math.floor(count / 4));
  for (let i = 0; i < charts; i++) {
    const dir = `charts/app-${i}`;
    files.push(
      { path: `${dir}/Chart.yaml`, text: `apiVersion: v2\nname: app-${i}\nversion: 1.0.${i}\n` },
      { path: `${dir}/values.yaml`, text: `serviceAccount:\n  create: true\n  name: app-${i}\nrbac:\n  create: true\n  verbs: [get, list, watch]\n` },
      {
        path: `${dir}/templates/serviceaccount.yaml`,
        text: '{{- if .Values.serviceAccount.create }}\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Values.serviceAccount.name }}\n  namespace: {{ .Release.Namespace }}\n  labels:\n    app.kubernetes.io/name: {{ .Chart.Name }}\n{{- end }}\n',
      },
      {
        path: `${dir}/templates/rbac.yaml`,
        text: [
          '{{- if .Values.rbac.create }}',
          `apiVersion: ${RBAC}/v1`,
          'kind: Role',
          'metadata:',
          '  name: {{ .Chart.Name }}',
          '  namespace: {{ .Release.Namespace }}',
          'rules:',
          '  - apiGroups: [""]',
          '    resources: ["configmaps", "services"]',
          '    verbs: ["get", "list", "watch"]',
          '  - apiGroups: ["apps"]',
          '    resources: ["deployments"]',
          '    verbs: {{ toJson .Values.rbac.verbs }}',
          '---',
          `apiVersion: ${RBAC}/v1`,
          'kind: RoleBinding',
          'metadata:',
          '  name: {{ .Chart.Name }}',
          '  namespace: {{ .Release.Namespace }}',
          'roleRef:',
          `  apiGroup: ${RBAC}`,
          '  kind: Role',
          '  name: {{ .Chart.Name }}',
          'subjects:',
          '  - kind: ServiceAccount',
          '    name: {{ .Values.serviceAccount.name }}',
          '    namespace: {{ .Release.Namespace }}',
          '{{- end }}',
          '',
        ].join('\n'),
      },
    );
  }
  return { files, open: `charts/app-${Math.floor(charts / 2)}/templates/rbac.yaml` };
}

/**
 * `count / 5` applications of five files: a base (kustomization + ServiceAccount, Role and RoleBinding)
 * and two overlays that put the base in their namespace with a name prefix.
 */
function kustomize(count: number): { files: SyntheticFile[]; open: string } {
  const files: SyntheticFile[] = [];
  const apps = Math.max(1, Math.floor(count / 5));
  for (let i = 0; i < apps; i++) {
    const dir = `apps/app-${i}`;
    const [workspaceFile] = syntheticWorkspace('sa-role-binding', 1);
    files.push(
      { path: `${dir}/base/kustomization.yaml`, text: 'resources:\n  - rbac.yaml\n' },
      { path: `${dir}/base/rbac.yaml`, text: workspaceFile.text.replace(/app-0/g, `app-${i}`).replace(/\n  namespace: team-0/g, '') },
      { path: `${dir}/base/README.yaml`, text: `# notes of app-${i}\nowner: team-${i % 50}\n` },
      { path: `${dir}/overlays/staging/kustomization.yaml`, text: `namespace: staging-${i % 50}\nnamePrefix: staging-\nresources:\n  - ../../base\n` },
      { path: `${dir}/overlays/production/kustomization.yaml`, text: `namespace: production-${i % 50}\nnamePrefix: prod-\nresources:\n  - ../../base\n` },
    );
  }
  return { files, open: `apps/app-${Math.floor(apps / 2)}/base/rbac.yaml` };
}

const SHAPES: Record<LspShape, { build: (count: number) => { files: SyntheticFile[]; open: string }; describe: (files: number) => string }> = {
  plain: { build: plain, describe: (n) => `${thousands(n)} files of a ServiceAccount + Role + RoleBinding each` },
  helm: { build: helm, describe: (n) => `Helm-heavy: ${thousands(n / 4)} charts (${thousands(n)} files), a templated ServiceAccount, Role and RoleBinding each` },
  kustomize: { build: kustomize, describe: (n) => `kustomize-heavy: ${thousands(n / 5)} bases with 2 overlays each (${thousands(n)} files)` },
};

/** The workspace under `out`, written unless a run before wrote the same one. */
export function lspWorkspace(out: string, shape: LspShape, count: number): LspWorkspace {
  const dir = resolve(out, `lsp-${shape}-${count}`);
  const described = join(dir, DESCRIPTION);
  if (existsSync(described)) return JSON.parse(readFileSync(described, 'utf8')) as LspWorkspace;
  const { files, open } = SHAPES[shape].build(count);
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  const workspace: LspWorkspace = { dir, shape, files: files.length, description: SHAPES[shape].describe(files.length), open };
  writeFileSync(described, JSON.stringify(workspace));
  return workspace;
}
