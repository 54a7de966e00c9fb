/**
 * What the fake index says about the packages of the `pinned-application` fixture: one story per check.
 */
import type { ProjectInfo, SimpleProject } from '../../src/registry/types.js';
import { projectInfo, simplePage } from './helpers.js';

const CVE_REASON = 'Yanked due to conflicts with CVE-2024-35195 mitigation';

/** PROJECTS are the JSON API answers. */
export const PROJECTS: Record<string, ProjectInfo | null> = {
  requests: projectInfo('requests', [
    { version: '2.31.0', uploaded: '2023-05-22T15:12:42Z' },
    { version: '2.32.0', uploaded: '2024-05-20T15:27:37Z', yanked: true, yankedReason: CVE_REASON },
    { version: '2.32.3', uploaded: '2024-05-29T15:37:47Z' },
  ]),
  oldlib: projectInfo('oldlib', [
    { version: '0.9.0', uploaded: '2018-03-01T10:00:00Z' },
    { version: '0.9.1', uploaded: '2019-01-01T10:00:00Z' },
  ]),
  buildme: projectInfo('buildme', [
    { version: '1.3.0', uploaded: '2024-10-01T00:00:00Z' },
    { version: '1.4.0', files: [{ type: 'sdist', uploaded: '2025-01-10T00:00:00Z' }] },
  ]),
  freshpkg: projectInfo('freshpkg', [
    { version: '2.9.0', uploaded: '2025-03-01T00:00:00Z' },
    { version: '3.0.0', files: [{ type: 'wheel', uploaded: '2025-05-30T12:00:00Z' }, { type: 'wheel', uploaded: '2025-05-31T08:00:00Z' }] },
  ]),
  attrs: projectInfo('attrs', [
    { version: '25.1.0', uploaded: '2025-01-25T11:30:10Z' },
    { version: '25.3.0', uploaded: '2025-03-13T11:10:19Z' },
  ]),
  retired: projectInfo('retired', [{ version: '2.0.0', uploaded: '2024-12-01T00:00:00Z' }], {
    classifiers: ['Development Status :: 7 - Inactive', 'Programming Language :: Python :: 3'],
  }),
  'quarantined-pkg': null,
};

/** PAGES are the Simple API answers. */
export const PAGES: Record<string, SimpleProject | null> = {
  requests: simplePage('requests', [{ version: '2.32.0', provenance: false }, { version: '2.32.3', provenance: false }]),
  attrs: simplePage('attrs', [
    { version: '24.3.0', provenance: true },
    { version: '25.1.0', provenance: true },
    { version: '25.2.0', provenance: false, yanked: true },
    { version: '25.3.0', provenance: false },
  ]),
  retired: simplePage('retired', [{ version: '2.0.0' }]),
  'quarantined-pkg': simplePage('quarantined-pkg', [], { status: 'quarantined', reason: 'Malware: exfiltrates environment variables' }),
};
