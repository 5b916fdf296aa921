import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compileLogFormat,
  DEFAULT_LOG_FORMAT,
  type LogFields
} from '../../../core/middleware/log-format.js';

const FIELDS: LogFields = {
  clientIp: '192.0.2.7',
  method: 'GET',
  path: '/v2.1/servers?name=a',
  httpVersion: '1.1',
  statusCode: 200,
  bodyLength: 15,
  wallSeconds: 0.0123456789,
  microversion: '2.1',
  requestId: 'req-1',
  extension: 'servers'
};

class FormatRefused extends Error {}

function refuse(problem: string): never {
  throw new FormatRefused(problem);
}

const format = (text: string, fields: LogFields = FIELDS) => compileLogFormat(text, refuse)(fields);

describe('wsgi_log_format', () => {
  test("writes wharf's line by default", () => {
    assert.equal(
      format(DEFAULT_LOG_FORMAT),
      '192.0.2.7 "GET /v2.1/servers?name=a" status: 200 len: 15 microversion: 2.1 time: 0.0123'
    );
  });

  test('writes each line whole as the values change at any place, one formatter for all', () => {
    const formatLine = compileLogFormat(DEFAULT_LOG_FORMAT, refuse);
    const changes: Partial<LogFields>[] = [
      {},
      {},
      { wallSeconds: 0.5 },
      { statusCode: 404, bodyLength: null },
      { clientIp: null },
      { clientIp: '::1', path: '/' },
      { path: '/v2.1/servers', microversion: null },
      { method: 'POST' },
      {},
      { clientIp: '192.0.2.7', method: 'GET', path: '', wallSeconds: 0 },
      { wallSeconds: 0.25 },
      { wallSeconds: 0.25 },
      { wallSeconds: 0.5 },
      { statusCode: 500 },
      { statusCode: 500 },
      { statusCode: 500, wallSeconds: 0.75 },
      { clientIp: null, statusCode: 500, wallSeconds: 0.75 }
    ];
    for (const change of changes) {
      const fields = { ...FIELDS, ...change };
      assert.equal(formatLine(fields), format(DEFAULT_LOG_FORMAT, fields), JSON.stringify(change));
    }
  });

  test("writes nova's default format as eventlet does", () => {
    const nova =
      '%(client_ip)s "%(request_line)s" status: %(status_code)s len: %(body_length)s time: %(wall_seconds).7f';
    assert.equal(
      format(nova),
      '192.0.2.7 "GET /v2.1/servers?name=a HTTP/1.1" status: 200 len: 15 time: 0.0123457'
    );
  });

  test('writes the date and time as eventlet does', () => {
    assert.match(format('%(date_time)s'), /^\d{2}\/[A-Z][a-z]{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
  });

  test('takes widths, left alignment, precision, integers and %%', () => {
    assert.equal(
      format('[%(status_code)5d][%(method)-5s][%(wall_seconds)d]%%'),
      '[  200][GET  ][0]%'
    );
    assert.equal(format('%(request_id).3s %(extension)s'), 'req servers');
    assert.equal(
      format(
        '[%(wall_seconds)-9.3f][%(body_length)4s][%(status_code).2s][%(path).0s][%(wall_seconds)f]'
      ),
      '[0.012    ][  15][20][][0.012346]'
    );
  });

  test('writes - for a value the request does not have', () => {
    const fields = { ...FIELDS, bodyLength: null, microversion: null, clientIp: null };
    assert.equal(format('%(client_ip)s %(body_length)d %(microversion)s', fields), '- - -');
    assert.equal(
      format(
        '[%(client_ip)-3s][%(body_length)3.2f][%(microversion).0s][%(body_length).0s]',
        fields
      ),
      '[-  ][  -][-][-]'
    );
  });

  test('refuses an unknown placeholder, a stray % and a number conversion of text', () => {
    for (const bad of ['%(client)s', 'time: 5%', '%(status_code)x', '%(path)d', '%(path)'])
      assert.throws(() => compileLogFormat(bad, refuse), FormatRefused, bad);
  });
});
