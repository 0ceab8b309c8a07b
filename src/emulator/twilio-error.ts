/** Twilio's error JSON, as the emulator answers it. */

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
  details?: unknown;
}

/** Thrown by route handlers; the server turns it into Twilio's error JSON. */
export class EmulatorHttpError extends Error {
  readonly status: number;
  readonly code: number;
  readonly details: unknown;

  constructor(init: { status: number; code: number; message: string; details?: unknown }) {
    super(init.message);
    this.name = 'EmulatorHttpError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
  }
}

/** Twilio codes the emulator uses. */
export const ErrorCodes = {
  /** Invalid or missing parameter. */
  invalidParameter: 20001,
  authenticate: 20003,
  notFound: 20404,
  methodNotAllowed: 20004,
  badRevision: 81021,
  invalidDefinition: 81022,
  tooManyRequests: 20429,
  internal: 20500,
  unavailable: 20503,
} as const;

export function errorBody(error: EmulatorHttpError): TwilioErrorBody {
  const body: TwilioErrorBody = {
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  };
  if (error.details !== undefined) body.details = error.details;
  return body;
}

export function notFound(path: string): EmulatorHttpError {
  return new EmulatorHttpError({
    status: 404,
    code: ErrorCodes.notFound,
    message: `The requested resource ${path} was not found`,
  });
}

export function badParameter(message: string): EmulatorHttpError {
  return new EmulatorHttpError({ status: 400, code: ErrorCodes.invalidParameter, message });
}
