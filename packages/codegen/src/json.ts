/** A document, or any object in it, as plain JSON: callers narrow what they read. */
export type Json = Record<string, unknown>;
