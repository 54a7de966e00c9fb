import { describe, expect, it } from 'vitest';
import { flaskDebugTrue } from '../../../src/code/rules/flask-debug-true.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(flaskDebugTrue, source);

describe('B201 flask debug true', () => {
  it('flags app.run(debug=True) in a Flask module, at the debug argument', async () => {
    const { findings } = await scan('from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="127.0.0.1", debug=True)\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.flask-debug-true',
        banditId: 'B201',
        path: 'app/module.py',
        line: 4,
        column: 31,
        severity: 'high',
        confidence: 'medium',
        cwe: 94,
        message: 'A Flask app appears to be run with debug=True, which exposes the Werkzeug debugger and allows the execution of arbitrary code.',
      },
    ]);
  });

  it('recognises any Flask import and any receiver', async () => {
    expect(findingLines((await scan('import flask\nflask.Flask(__name__).run(debug=True)\n')).findings)).toEqual(['2:python.flask-debug-true']);
    expect(findingLines((await scan('from flask_socketio import SocketIO\nsocketio.run(app, debug=True)\n')).findings)).toEqual(['2:python.flask-debug-true']);
    expect(findingLines((await scan('import flask\nfrom .factory import create_app\ncreate_app().run(debug=True)\n')).findings)).toEqual(['3:python.flask-debug-true']);
  });

  it('does not flag debug=False, computed debug, modules without Flask, or non-Flask run functions', async () => {
    expect((await scan('from flask import Flask\napp.run(debug=False)\napp.run(debug=DEBUG)\napp.run()\napp.start(debug=True)\n')).findings).toEqual([]);
    expect((await scan('from django import x\napp.run(debug=True)\n')).findings).toEqual([]);
    expect((await scan('import asyncio, flask\nasyncio.run(main(), debug=True)\n')).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scan('import flask\napp.run(debug=True)  # nosec B201\n');
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});
