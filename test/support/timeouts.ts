/**
 * How long tests wait for something that must happen (an event, a state), tuned for a loaded
 * 2-core machine where up to 8 test processes, Chromium and Postgres share the CPU. Waits end as
 * soon as the event happens, so a generous budget costs nothing on a quiet machine; it only
 * decides how long a genuinely broken test takes to fail. Never wait a fixed time instead.
 */

/** Anything observable over a socket or in the database: a frame, a close code, a row. */
export const eventuallyMs = Number(process.env.TEST_WAIT_MS ?? 20_000);

/** Polling interval for `expect.poll` and hand-written waits. */
export const pollIntervalMs = 50;

/** One browser test (several pages typing and waiting on each other) on a loaded machine. */
export const browserTestMs = 180_000;
