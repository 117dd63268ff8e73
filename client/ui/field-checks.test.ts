import { describe, expect, it } from 'vitest';
import { password } from '../../shared/api';
import { passwordMinLength, passwordProblem } from './field-checks';

describe('client-side field checks agree with the server', () => {
  it('refuses exactly the passwords the server refuses for length', () => {
    for (const length of [0, 1, passwordMinLength - 1, passwordMinLength, passwordMinLength + 10]) {
      const candidate = 'x'.repeat(length);
      expect(passwordProblem(candidate) === null, `length ${length}`).toBe(password.safeParse(candidate).success);
    }
  });
});
