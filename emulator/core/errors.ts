/**
 * The one error type of the emulator. Protocol code and action handlers throw it; the renderer
 * turns it into Alibaba's error envelope (`RequestId`, `HostId`, `Code`, `Message`, `Recommend`).
 */
export class ServiceError extends Error {
  /** HTTP status of the answer, as the real service documents it for this code. */
  readonly httpStatus: number;
  /** Alibaba error code, e.g. `InvalidVpcId.NotFound`. */
  readonly code: string;

  /**
   * @param httpStatus HTTP status of the answer.
   * @param code Alibaba error code.
   * @param message Alibaba's message text for the code.
   */
  constructor(httpStatus: number, code: string, message: string) {
    super(message);
    this.name = "ServiceError";
    this.httpStatus = httpStatus;
    this.code = code;
  }
}
