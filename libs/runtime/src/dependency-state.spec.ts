import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DependencyState } from './dependency-state.js';

/** Records what a state logs, through the Nest logger it writes to. */
function capture(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  Logger.overrideLogger({
    log: (m: unknown) => lines.push(`log ${String(m)}`),
    warn: (m: unknown) => lines.push(`warn ${String(m)}`),
    error: (m: unknown) => lines.push(`error ${String(m)}`),
    debug: () => undefined,
    verbose: () => undefined,
    fatal: () => undefined,
  });
  return {
    lines,
    restore: () => {
      Logger.overrideLogger(['log', 'warn', 'error']);
    },
  };
}

describe(DependencyState.name, () => {
  it('logs one line when an outage starts and one when it ends, whatever fails meanwhile', () => {
    const { lines, restore } = capture();
    try {
      const state = new DependencyState('Redis');
      let recovered = 0;
      state.onRecovered(() => recovered++);
      state.succeeded();
      for (let i = 0; i < 50; i++) state.failed('queue connection', new Error('connect ECONNREFUSED'));
      expect(state.isDown).toBe(true);
      state.succeeded();
      state.succeeded();
      expect(lines.filter((l) => l.includes('Redis'))).toEqual([
        'warn Redis unreachable (queue connection: connect ECONNREFUSED)',
        expect.stringMatching(/^log Redis reachable again after \d+\.\d s$/),
      ]);
      expect(recovered).toBe(1);
    } finally {
      restore();
    }
  });

  it('probes while down and announces the recovery when the probe answers', async () => {
    const state = new DependencyState('PostgreSQL', 10);
    let answers = false;
    let probes = 0;
    state.probeWith(async () => {
      probes++;
      if (!answers) throw new Error('connect ECONNREFUSED');
    });
    const back = new Promise<void>((done) => state.onRecovered(done));
    state.failed('idle connection', new Error('Connection terminated unexpectedly'));
    await new Promise((r) => setTimeout(r, 60));
    expect(state.isDown).toBe(true);
    answers = true;
    await back;
    expect(state.isDown).toBe(false);
    expect(probes).toBeGreaterThan(1);
    state.close();
  });
});
