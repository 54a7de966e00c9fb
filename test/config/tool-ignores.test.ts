import { describe, expect, it } from 'vitest';
import { toolIgnores } from '../../src/config/tool-ignores.js';

describe('toolIgnores', () => {
  it('reads [tool.pip-audit] ignore-vulns', () => {
    expect(toolIgnores('[tool.pip-audit]\nignore-vulns = ["GHSA-1234-5678-9abc", "PYSEC-2023-1"]\n', 'pyproject.toml')).toEqual([
      { id: 'GHSA-1234-5678-9abc', reason: 'listed in [tool.pip-audit] ignore-vulns of pyproject.toml' },
      { id: 'PYSEC-2023-1', reason: 'listed in [tool.pip-audit] ignore-vulns of pyproject.toml' },
    ]);
  });

  it('reads [tool.safety] ignore-vulnerabilities with reasons and expiry, in both places Safety allows', () => {
    const text = `[tool.safety.security.ignore-vulnerabilities]\n39611 = { reason = "FullLoader not used", expires = "2027-03-01" }\nCVE-2024-1 = {}\n`;
    expect(toolIgnores(text, 'svc/pyproject.toml')).toEqual([
      { id: '39611', reason: 'FullLoader not used', until: '2027-03-01' },
      { id: 'CVE-2024-1', reason: 'listed in [tool.safety] ignore-vulnerabilities of svc/pyproject.toml' },
    ]);
    expect(toolIgnores('[tool.safety]\nignore-vulnerabilities = [70612, "GHSA-x"]\n', 'pyproject.toml').map((e) => e.id)).toEqual(['70612', 'GHSA-x']);
    expect(toolIgnores('[tool.safety]\nignore-vulnerabilities = { 1 = { expires = 2027-01-02 } }\n', 'p')[0]?.until).toBe('2027-01-02');
  });

  it('ignores invalid TOML and other shapes', () => {
    expect(toolIgnores('[tool.pip-audit\n', 'p')).toEqual([]);
    expect(toolIgnores('[tool.pip-audit]\nignore-vulns = "GHSA-x"\n', 'p')).toEqual([]);
  });
});
