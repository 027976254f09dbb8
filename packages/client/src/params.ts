// What a caller puts in `params` and `body` is checked before openapi-fetch serializes it: values
// that would silently change the route or the payload are refused with a `KapsoConfigError` naming
// the parameter, and the few that have one obvious text form get it.
import { defaultBodySerializer } from "openapi-fetch";
import { KapsoConfigError } from "./errors.js";

/**
 * Refuses path parameters that would move the request to another endpoint once the URL is parsed:
 * `.` and `..` are dot segments (the URL parser removes them, and the segment before them), and an
 * empty, null or undefined value leaves an empty segment or the `{name}` template itself. Any other
 * value is percent-encoded by openapi-fetch (`%2e%2e` becomes `%252e%252e`, a space `%20`), so it
 * stays one segment of its own.
 */
export function checkPathParams(path: string, params: Record<string, unknown> | undefined): void {
  // A scan rather than a regular expression: this runs on every request.
  for (let open = path.indexOf("{"); open !== -1; open = path.indexOf("{", open + 1)) {
    const close = path.indexOf("}", open);
    if (close === -1) return;
    // openapi-fetch's label (`{.name}`), matrix (`{;name}`) and explode (`{name*}`) markers.
    const name = path.slice(open + 1, close).replace(/^[.;]|\*$/g, "");
    const value = params?.[name];
    if (value === undefined || value === null || value === "" || value === "." || value === "..") {
      const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
      throw new KapsoConfigError(
        `path parameter ${name} is ${shown}, which would send the request to another endpoint`,
      );
    }
  }
}

/**
 * The query with every value in a form openapi-fetch serializes faithfully: a Date as its ISO time,
 * a bigint as its digits. A value that has no such form (a symbol, a function, an object inside an
 * object or an array, a Date that is not a valid time) is refused naming the parameter, where
 * openapi-fetch would drop it or throw a plain Error. Returns the query itself when nothing changes.
 */
export function normalizeQuery(query: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const name in query) {
    const value = query[name];
    let next: unknown;
    if (Array.isArray(value)) {
      next = value.map((item, index) => scalar(`${name}[${index}]`, item));
      if ((next as unknown[]).every((item, index) => item === value[index])) next = value;
    } else if (isPlainObject(value)) {
      // One level of object is openapi-fetch's deepObject style: `name[key]=value`.
      const entries = Object.entries(value).map(([key, item]) => [key, scalar(`${name}[${key}]`, item)]);
      next = entries.every(([key, item]) => value[key as string] === item)
        ? value
        : Object.fromEntries(entries);
    } else {
      next = scalar(name, value);
    }
    if (next !== value) {
      copy ??= { ...query };
      copy[name] = next;
    }
  }
  return copy ?? query;
}

function scalar(name: string, value: unknown): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
      return value;
    case "number":
      if (Number.isFinite(value)) return value;
      break;
    case "bigint":
      return value.toString();
    case "object":
      if (value === null) return value;
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      break;
  }
  throw new KapsoConfigError(`query parameter ${name} cannot be sent in a query string: ${describe(value)}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value instanceof Date) return "an invalid Date";
  if (typeof value === "number") return String(value);
  if (typeof value === "object" && value !== null) {
    return `a nested ${Array.isArray(value) ? "array" : (value.constructor?.name ?? "object")}`;
  }
  return `a ${typeof value}`;
}

/** Bodies openapi-fetch would send as `"{}"` or as an object of byte indexes. */
const NOT_JSON: [string, unknown][] = [
  ["a Blob", globalThis.Blob],
  ["an ArrayBuffer", globalThis.ArrayBuffer],
  ["a ReadableStream", globalThis.ReadableStream],
  ["URLSearchParams", globalThis.URLSearchParams],
];

/**
 * openapi-fetch's body serializer (JSON; FormData and url-encoded forms as they are), refusing what
 * JSON.stringify would turn into something else than the caller meant, and turning its own failures
 * (a bigint, a cycle) into a `KapsoConfigError`.
 */
export function serializeBody(body: unknown, headers?: Headers | Record<string, unknown>): unknown {
  const form = contentTypeOf(headers) === "application/x-www-form-urlencoded";
  for (const [name, type] of NOT_JSON) {
    if (typeof type === "function" && body instanceof type && !(form && name === "URLSearchParams")) {
      throw new KapsoConfigError(`body is ${name}; Kapso's endpoints take JSON: pass a plain object`);
    }
  }
  if (ArrayBuffer.isView(body)) {
    throw new KapsoConfigError(
      `body is a ${body.constructor.name}; Kapso's endpoints take JSON: pass a plain object`,
    );
  }
  try {
    // Typed with one parameter, the serializer reads the headers for the url-encoded form case.
    return (defaultBodySerializer as (body: unknown, headers: unknown) => unknown)(body, headers);
  } catch (error) {
    throw new KapsoConfigError(`body cannot be sent as JSON: ${(error as Error).message}`);
  }
}

function contentTypeOf(headers: Headers | Record<string, unknown> | undefined): unknown {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get("content-type");
  return headers["Content-Type"] ?? headers["content-type"];
}
