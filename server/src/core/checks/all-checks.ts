import type { Check } from './check';
import { rbac001 } from './rules/rbac001-unknown-verb';
import { rbac002 } from './rules/rbac002-resource-not-in-group';
import { rbac003 } from './rules/rbac003-unknown-resource';
import { rbac004 } from './rules/rbac004-version-in-api-groups';
import { rbac005 } from './rules/rbac005-cluster-resource-in-role';
import { rbac006 } from './rules/rbac006-invalid-rule';
import { rbac007 } from './rules/rbac007-resource-names-without-name';
import { rbac008 } from './rules/rbac008-rules-in-aggregated-role';
import { rbac009 } from './rules/rbac009-missing-role';
import { rbac010 } from './rules/rbac010-invalid-role-ref';
import { rbac011 } from './rules/rbac011-role-in-other-namespace';
import { rbac012 } from './rules/rbac012-invalid-subject';
import { rbac013 } from './rules/rbac013-service-account-wrong-namespace';
import { rbac014 } from './rules/rbac014-user-subject-is-service-account';
import { rbac015 } from './rules/rbac015-undefined-service-account';
import { rbac016 } from './rules/rbac016-default-service-account';
import { rbac017 } from './rules/rbac017-binding-in-other-namespace';
import { rbac018 } from './rules/rbac018-missing-namespace';
import { rbac019 } from './rules/rbac019-namespace-on-cluster-object';
import { rbac020 } from './rules/rbac020-removed-api-version';
import { rbac021 } from './rules/rbac021-duplicate-object';
import { rbac022 } from './rules/rbac022-unsupported-verb';
import { rbac023 } from './rules/rbac023-incomplete-verbs';
import { rbac024 } from './rules/rbac024-unbound-role';
import { rbac025 } from './rules/rbac025-yaml-versions-differ';
import { rbac026 } from './rules/rbac026-unreadable-document';
import { rbac027 } from './rules/rbac027-invalid-name';
import { rbac030 } from './rules/rbac030-missing-define';
import { rbac031 } from './rules/rbac031-chart-template-not-rendered';
import { rbac033 } from './rules/rbac033-kustomize-input-not-read';
import { rbac034 } from './rules/rbac034-file-not-analysed';
import { rbac035 } from './rules/rbac035-kustomize-build-refused';
import { rbac036 } from './rules/rbac036-not-part-of-any-build';
import { rbac101 } from './rules/rbac101-wildcards';
import { rbac102 } from './rules/rbac102-cluster-admin-binding';
import { rbac103 } from './rules/rbac103-secrets-read';
import { rbac104 } from './rules/rbac104-runs-workloads';
import { rbac105 } from './rules/rbac105-exec-attach';
import { rbac106 } from './rules/rbac106-escalate-bind-impersonate';
import { rbac107 } from './rules/rbac107-writes-rbac';
import { rbac108 } from './rules/rbac108-sensitive-apis';
import { rbac109 } from './rules/rbac109-broad-subjects';
import { rbac110 } from './rules/rbac110-default-service-account';

/** The registry: every check, in code order. */
export const ALL_CHECKS: Check[] = [
  rbac001, rbac002, rbac003, rbac004, rbac005, rbac006, rbac007, rbac008, rbac009, rbac010, rbac011, rbac012, rbac013, rbac014, rbac015, rbac016, rbac017, rbac018, rbac019, rbac020, rbac021, rbac022, rbac023, rbac024, rbac025, rbac026, rbac027, rbac030, rbac031, rbac033, rbac034, rbac035, rbac036, rbac101, rbac102, rbac103, rbac104, rbac105, rbac106, rbac107, rbac108, rbac109, rbac110,
];
