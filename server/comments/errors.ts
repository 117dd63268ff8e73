/** The comments capability's one extra error: a well-formed request the draft cannot satisfy (422). */
import { AppError } from '../errors';

export const unprocessable = (code: string, message: string) => new AppError(422, code, message);
