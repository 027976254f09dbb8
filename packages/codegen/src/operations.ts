import { CodegenError } from "./errors.js";
import { type Json, operations, parametersOf } from "./spec.js";

/** An operation as the generators read it. */
export interface NamedOperation {
  id: string;
  path: string;
  method: string;
  op: Json;
  params: Json[];
}

/** A document's operations sorted by operationId, so what is generated from them comes out in a stable order. */
export function operationsById(doc: Json): NamedOperation[] {
  const ops: NamedOperation[] = [];
  for (const [key, operation] of operations(doc)) {
    const id = operation.op.operationId;
    if (typeof id !== "string" || id === "") {
      throw new CodegenError(`${key} has no operationId; every operation needs one to name its aliases`);
    }
    ops.push({
      id,
      path: operation.path,
      method: operation.method,
      op: operation.op,
      params: [...parametersOf(doc, operation).values()],
    });
  }
  return ops.sort((a, b) => a.id.localeCompare(b.id));
}
