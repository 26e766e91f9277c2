/** The extension's settings, as the server reads them (`rbacDoctor.*`). One place for names and defaults. */

export type SeverityOverride = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface RbacDoctorSettings {
  /** Extra glob patterns of files to leave out, on top of `files.exclude`. */
  exclude: string[];
  /** Per-check severity, e.g. `{ "RBAC101": "off", "RBAC024": "hint" }`. */
  checks: Record<string, SeverityOverride>;
  /** Know the default cluster roles and bindings of a current Kubernetes (cluster-admin, view, edit, …). */
  builtinRoles: boolean;
  /**
   * YAML syntax errors (RBAC026): `auto` reports them unless another extension already does (Red Hat
   * YAML validating YAML files), `on` always, `off` never.
   */
  syntaxErrors: SyntaxErrorsSetting;
  /** Files above this many megabytes are skipped, not parsed (a one-line notice says so). */
  maxFileSize: number;
  /** Helm charts: extra values files (after each chart's values.yaml) and the release they are read as. */
  helm: HelmSettings;
}

export interface HelmSettings {
  valuesFiles: string[];
  releaseName: string;
  releaseNamespace: string;
}

export type SyntaxErrorsSetting = 'auto' | 'on' | 'off';

export const DEFAULT_SETTINGS: RbacDoctorSettings = {
  exclude: [],
  checks: {},
  builtinRoles: true,
  syntaxErrors: 'auto',
  helm: { valuesFiles: [], releaseName: '', releaseNamespace: '' },
  maxFileSize: 10,
};

/** The check that reports YAML syntax errors, switched by `syntaxErrors`. */
export const SYNTAX_ERROR_CHECK = 'RBAC026';

/**
 * The settings the checks run with: `syntaxErrors` resolved against whether another extension reports
 * YAML syntax errors in the editor (`auto` leaves them to it). An explicit `checks.RBAC026` still wins.
 */
export function withSyntaxErrorsResolved(settings: RbacDoctorSettings, reportedElsewhere: boolean): RbacDoctorSettings {
  const off = settings.syntaxErrors === 'off' || (settings.syntaxErrors === 'auto' && reportedElsewhere);
  if (!off || settings.checks[SYNTAX_ERROR_CHECK] !== undefined) return settings;
  return { ...settings, checks: { ...settings.checks, [SYNTAX_ERROR_CHECK]: 'off' } };
}

export const SETTINGS_SECTION = 'rbacDoctor';

/** Reads a settings object of unknown shape, keeping only well-typed values. */
export function normaliseSettings(raw: unknown, filesExclude?: unknown): RbacDoctorSettings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const exclude = Array.isArray(input.exclude) ? input.exclude.filter((e): e is string => typeof e === 'string') : [];
  if (filesExclude && typeof filesExclude === 'object') {
    for (const [glob, on] of Object.entries(filesExclude as Record<string, unknown>)) if (on === true) exclude.push(glob);
  }
  const checks: Record<string, SeverityOverride> = {};
  if (input.checks && typeof input.checks === 'object') {
    for (const [code, value] of Object.entries(input.checks as Record<string, unknown>)) {
      if (value === 'error' || value === 'warning' || value === 'information' || value === 'hint' || value === 'off') checks[code] = value;
    }
  }
  const syntaxErrors = input.syntaxErrors === 'on' || input.syntaxErrors === 'off' ? input.syntaxErrors : 'auto';
  const maxFileSize = typeof input.maxFileSize === 'number' && input.maxFileSize > 0 ? input.maxFileSize : DEFAULT_SETTINGS.maxFileSize;
  const helm = (input.helm && typeof input.helm === 'object' ? input.helm : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  return {
    exclude, checks, builtinRoles: input.builtinRoles !== false, syntaxErrors, maxFileSize,
    helm: {
      valuesFiles: Array.isArray(helm.valuesFiles) ? helm.valuesFiles.filter((v): v is string => typeof v === 'string') : [],
      releaseName: text(helm.releaseName),
      releaseNamespace: text(helm.releaseNamespace),
    },
  };
}
