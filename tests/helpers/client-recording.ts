/**
 * Reads the HTTP exchanges out of a client's `--debug` log. keystoneauth logs each request
 * as a curl command line (`REQ: curl -g -i -X POST URL -H ... -d '{...}'`), then the
 * response status and headers (`RESP: [202] ...`) and body (`RESP BODY: ...`); the same line
 * may appear twice, bare and behind a `DEBUG (session:NNN) ` prefix.
 */

/** One request and its response, as the client logged them. */
export interface Exchange {
  method: string;
  url: string;
  /** The request headers, names in lower case (the token already hashed by the client). */
  requestHeaders: Record<string, string>;
  /** The request body as sent, or null. */
  requestBody: string | null;
  status: number;
  /** The logged response body, or null when the client omitted it. */
  responseBody: string | null;
}

const LINE = /^(?:DEBUG \([^)]*\) )?(REQ|RESP|RESP BODY): (.*)$/;

/** The client's request/response lines, each once, in order. */
export function recordingLines(log: string): string[] {
  const lines: string[] = [];
  for (const raw of log.split('\n')) {
    const match = LINE.exec(raw);
    if (!match) continue;
    const line = `${match[1]}: ${match[2]}`;
    if (lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines;
}

/** The recording as text for a failure message, tokens already hashed by the client. */
export function formatRecording(log: string): string {
  return recordingLines(log).join('\n');
}

/** Every exchange in the log, in order. */
export function exchangesOf(log: string): Exchange[] {
  const exchanges: Exchange[] = [];
  let current: Exchange | undefined;
  for (const line of recordingLines(log)) {
    if (line.startsWith('REQ: ')) {
      const request = /-X (\S+) "?([^"\s]+)/.exec(line);
      const body = / -d '(.*)'$/.exec(line);
      const headers = [...line.matchAll(/ -H "([^:"]+): ([^"]*)"/g)];
      current = {
        method: request?.[1] ?? '',
        url: request?.[2] ?? '',
        requestHeaders: Object.fromEntries(
          headers.map(([, name, value]) => [name.toLowerCase(), value])
        ),
        requestBody: body ? body[1] : null,
        status: 0,
        responseBody: null
      };
      exchanges.push(current);
    } else if (line.startsWith('RESP: ') && current) {
      current.status = Number(/^RESP: \[(\d+)\]/.exec(line)?.[1] ?? 0);
    } else if (line.startsWith('RESP BODY: ') && current && !/^RESP BODY: Omitted/.test(line)) {
      current.responseBody = line.slice('RESP BODY: '.length);
    }
  }
  return exchanges;
}

/** The microversion the request asked for (either header), or null for none. */
export function requestedMicroversion(exchange: Exchange): string | null {
  const modern = /compute (\S+)/.exec(exchange.requestHeaders['openstack-api-version'] ?? '');
  return modern?.[1] ?? exchange.requestHeaders['x-openstack-nova-api-version'] ?? null;
}

/** The exchanges whose method matches and whose URL path ends with `pathSuffix`. */
export function exchangesTo(log: string, method: string, pathSuffix: string): Exchange[] {
  return exchangesOf(log).filter(
    (exchange) => exchange.method === method && new URL(exchange.url).pathname.endsWith(pathSuffix)
  );
}
