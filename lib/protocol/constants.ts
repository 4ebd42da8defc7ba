// Wire constants shared by the relay and every client: version, paths, limits, error and close codes.
// docs/protocol.md is the prose form of this file; change both together.

export const PROTOCOL_VERSION = 1;
export const WS_PATH = '/v1/ws';
export const ENROLL_PATH = '/v1/enroll';

/** Defaults the relay announces in `welcome.limits`; an operator may change them per relay. */
export const DEFAULT_LIMITS = {
  /** Largest accepted frame, in bytes of UTF-8 text. Larger frames close the socket with 1009. */
  maxFrameBytes: 64 * 1024,
  /** Sustained frames per second per connection (token bucket refill rate). */
  ratePerSec: 100,
  /** Token bucket size: short bursts above the sustained rate. */
  rateBurst: 200,
  /** A connection must send a valid `hello` within this many milliseconds. */
  helloTimeoutMs: 5_000,
  /** Send a frame (a `ping` is enough) at least this often; the relay closes silent sockets after 3x. */
  heartbeatMs: 20_000,
  /** Invalid frames tolerated per minute before the relay closes the connection with 4009. */
  maxInvalidPerMinute: 10,
  /** Unsent bytes the relay buffers for one connection before closing it as a slow consumer (4008). */
  maxSendBufferBytes: 4 * 1024 * 1024,
} as const;

export type Limits = { [K in keyof typeof DEFAULT_LIMITS]: number };

/** Error codes carried by `error` frames and HTTP error bodies. */
export const ERROR_CODES = [
  'bad_json',
  'invalid_frame',
  'unsupported_version',
  'not_authenticated',
  'already_authenticated',
  'auth_failed',
  'forbidden',
  'not_found',
  'rate_limited',
  'conflict',
  'not_listening',
  'not_allowed',
  'code_invalid',
  'code_expired',
  'code_used',
  'sso_refused',
  'sso_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** WebSocket close codes the relay uses, beyond the standard 1000/1001/1009/1011. */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  tooLarge: 1009,
  internal: 1011,
  helloTimeout: 4001,
  unsupportedVersion: 4002,
  authFailed: 4003,
  tokenRevoked: 4004,
  heartbeatTimeout: 4005,
  slowConsumer: 4008,
  tooManyInvalid: 4009,
} as const;
