/**
 * Checks the client makes before sending, so the person reads the problem at once and in their
 * language. They mirror the shared request schemas (shared/api.ts); field-checks.test.ts proves it.
 */
export const passwordMinLength = 8;

/** The translation key of what is wrong with a new password, or null. */
export const passwordProblem = (password: string) => (password.length < passwordMinLength ? ('error.passwordTooShort' as const) : null);
