import type { Next, Request, RequestHandler, Response } from 'restify';
import { readBodyWithin } from './read-body.js';
import { MAX_JSON_DEPTH, nestsDeeperThan, TOO_DEEP_REASON } from './json-depth.js';

/** application/json, or a JSON-based type such as application/vnd.api+json (restify's own test). */
const JSON_TYPE = /^application\/(?:[a-z0-9.-]+\+)?json$/;

function refuse(res: Response, next: Next, reason: string): void {
  res.send(415, { error: 'unsupported media type', reason });
  next(false);
}

/** No body for GET and HEAD, as with restify's bodyParser. */
function withBodyOnly(handler: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: Next) => (req.method === 'GET' || req.method === 'HEAD' ? next() : handler(req, res, next));
}

/**
 * The body parser of the JSON routes: a JSON body, uncompressed, of at most `maxBodyBytes`,
 * nesting at most MAX_JSON_DEPTH levels (400); anything else is 415 with a reason. Not restify's `bodyParser`, which the fuzz suite
 * (test/fuzz) showed unsafe here: with `Content-Encoding: gzip` and a body that is not gzip,
 * zlib's error has no listener and the process dies (and a real gzip body is inflated past the
 * size limit, which counts compressed bytes); a multipart/form-data upload skips the size
 * limit and leaves its files in the temp directory; forms and CSV become objects and arrays
 * no route expects.
 */
export function jsonBodyParser(maxBodyBytes: number): RequestHandler[] {
  const jsonOnly: RequestHandler = (req: Request, res: Response, next: Next) => {
    const hasBody = (req.getContentLength() ?? 0) > 0 || req.isChunked();
    if (!hasBody) return next();
    if (req.headers['content-encoding'] !== undefined) return refuse(res, next, 'send the body uncompressed, without Content-Encoding');
    if (!JSON_TYPE.test(req.getContentType())) return refuse(res, next, 'send the body as application/json');
    return next();
  };
  // Read here rather than with restify's bodyReader, which builds a deprecated `new Buffer(0)` per
  // request: Node then walks the stack to decide on a warning, 1.3 % of a turn's time in the benchmark.
  const readJson: RequestHandler = (req: Request, res: Response, next: Next) => {
    readBodyWithin(req, maxBodyBytes).then(
      (raw) => {
        if (raw === 'too-large') {
          res.send(413, { error: 'body too large', reason: `send at most ${maxBodyBytes} bytes` });
          return next(false);
        }
        if (raw.length === 0) return next();
        if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
          res.send(400, { error: 'invalid JSON', reason: TOO_DEEP_REASON });
          return next(false);
        }
        const text = raw.toString('utf8');
        try {
          req.body = JSON.parse(text);
        } catch (error) {
          res.send(400, { error: 'invalid JSON', reason: (error as Error).message });
          return next(false);
        }
        return next();
      },
      // The client went away mid-body: there is no one to answer.
      () => next(false),
    );
  };
  return [jsonOnly, readJson].map(withBodyOnly);
}
