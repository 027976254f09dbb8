import type { ContractCase } from "../contract-case.js";

const table = { table: "leads" };

/**
 * Row filters (`status=eq.new`) are one `filters` object parameter serialized form/explode, which the
 * client would send as `filters[status]=…` by default; these cases leave filters out and exercise the
 * named parameters only.
 */
export const cases: ContractCase[] = [
  { operationId: "listDatabaseTables", prefer: { example: "tables" }, status: 200 },

  { operationId: "getDatabaseTable", params: { path: table }, prefer: { example: "table" }, status: 200 },
  {
    operationId: "getDatabaseTable",
    title: "with limit",
    params: { path: table, query: { limit: 5 } },
    status: 200,
  },
  {
    operationId: "getDatabaseTable",
    title: "limit 0",
    params: { path: table, query: { limit: 0 } },
    status: 422,
    messageIncludes: "limit",
  },

  { operationId: "listDatabaseRows", params: { path: table }, prefer: { example: "rows" }, status: 200 },
  { operationId: "listDatabaseRows", params: { path: table }, prefer: { example: "none" }, status: 200 },
  {
    operationId: "listDatabaseRows",
    title: "with select, order, limit and offset",
    params: { path: table, query: { select: "id,name", order: "created_at.desc", limit: 50, offset: 100 } },
    status: 200,
  },
  {
    operationId: "listDatabaseRows",
    title: "order direction that is neither asc nor desc",
    params: { path: table, query: { order: "created_at.newest" } },
    status: 422,
    messageIncludes: "order",
  },
  {
    operationId: "listDatabaseRows",
    title: "negative offset",
    params: { path: table, query: { offset: -1 } },
    status: 422,
    messageIncludes: "offset",
  },

  {
    operationId: "createDatabaseRow",
    params: { path: table },
    body: { name: "Ana Pérez", phone: "5215512345678", status: "new" },
    prefer: { example: "inserted" },
    status: 201,
  },
  {
    operationId: "createDatabaseRow",
    title: "several rows at once",
    params: { path: table },
    body: [
      { name: "Ana Pérez", status: "new" },
      { name: "Luis Gómez", status: "new" },
    ],
    status: 201,
  },
  {
    operationId: "createDatabaseRow",
    title: "a body that is neither a row nor an array of rows",
    params: { path: table },
    body: ["Ana Pérez"],
    status: 422,
  },

  {
    operationId: "updateDatabaseRows",
    params: { path: table },
    body: { status: "contacted" },
    prefer: { example: "updated" },
    status: 200,
  },

  {
    operationId: "upsertDatabaseRows",
    params: { path: table },
    body: { phone: "5215512345678", name: "Ana Pérez", status: "qualified" },
    prefer: { example: "upserted" },
    status: 200,
  },

  { operationId: "deleteDatabaseRows", params: { path: table }, prefer: { example: "deleted" }, status: 200 },
];
