export {
  dropBeforeHeaders,
  dropMidBody,
  type FaultHead,
  flood,
  rawResponse,
  sendBytes,
  stallAfterHeaders,
  truncated,
} from "./faults.js";
export {
  backward,
  type CursorList,
  type CursorQuery,
  cursorOf,
  type FixturePaths,
  forward,
  type Item,
  type Knobs,
  type LogSearchList,
  type LogSearchQuery,
  listAnswer,
  listFixture,
  type PageList,
  type PageQuery,
} from "./list-fixture.js";
export {
  type Handler,
  json,
  type LoopbackServer,
  type LoopbackServerOptions,
  type RecordedRequest,
  startLoopbackServer,
} from "./server.js";
export { type ConditionWaiters, conditionWaiters } from "./waiters.js";
