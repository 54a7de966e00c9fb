/**
 * B201 flask_debug_true: `app.run(debug=True)` starts the Werkzeug debugger, whose console runs any
 * Python code a visitor types. https://bandit.readthedocs.io/en/latest/plugins/b201_flask_debug_true.html
 *
 * Semantics follow bandit 1.9: in a module that imports anything Flask (`flask`, `flask_*`, as bandit's
 * "imported like"), a call of a `.run` method with `debug=True`; high severity, medium confidence,
 * CWE-94, reported at the `debug` argument (bandit reports its line). The application object's type is
 * not known statically, which is why confidence is medium.
 *
 * Deliberate difference: `.run` functions of modules known not to be Flask apps are left alone
 * (`asyncio.run(main(), debug=True)` is asyncio's debug mode, not a debugger on the network).
 */
import type { CodeRule } from '../types.js';
import { callTarget, isTrue, keywordArgumentNode, unparenthesized } from '../syntax.js';

/** NOT_FLASK_RUN are `run` functions with a `debug` parameter that are not Flask applications. */
const NOT_FLASK_RUN: ReadonlySet<string> = new Set(['asyncio.run', 'trio.run', 'anyio.run', 'subprocess.run', 'uvicorn.run']);

/** flaskDebugTrue flags `.run(debug=True)` in modules that import Flask (bandit B201). */
export const flaskDebugTrue: CodeRule = {
  doc: {
    id: 'python.flask-debug-true',
    banditId: 'B201',
    name: 'Flask app run with debug=True',
    help: 'Debug mode enables the Werkzeug interactive debugger: anyone who can reach the app and trigger an error gets a Python console on the server. Never enable it outside local development; read it from configuration (`app.run(debug=os.environ.get("FLASK_DEBUG") == "1")`) and deploy behind a production WSGI server.',
    cwe: 94,
  },
  severity: 'high',
  confidence: 'medium',
  nodeTypes: ['call'],
  check(node, context) {
    const target = callTarget(node);
    if (target?.type !== 'attribute' || target.childForFieldName('attribute')?.text !== 'run') return;
    const debug = keywordArgumentNode(node, 'debug');
    const value = debug?.childForFieldName('value') ?? null;
    if (!debug || !value || !isTrue(unparenthesized(value))) return;
    if (![...context.imports.values()].some((module) => module.includes('flask'))) return;
    const qualified = context.qualifiedName(target);
    if (qualified && NOT_FLASK_RUN.has(qualified)) return;
    context.report(debug, {
      message: 'A Flask app appears to be run with debug=True, which exposes the Werkzeug debugger and allows the execution of arbitrary code.',
    });
  },
};
