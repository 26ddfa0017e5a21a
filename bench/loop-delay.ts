/**
 * Preloaded into a benchmarked process (`node --import ./dist/bench/loop-delay.js ...`): measures how
 * long its event loop is late (perf_hooks `monitorEventLoopDelay`). SIGUSR2 prints the delays since the
 * last SIGUSR2 as one line and starts again, so a benchmark brackets the phase it measures.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
const ms = (ns: number) => Math.round(ns / 1e4) / 100;

process.on('SIGUSR2', () => {
  process.stdout.write(
    `event loop delay ms: p50=${ms(histogram.percentile(50))} p95=${ms(histogram.percentile(95))} ` +
      `p99=${ms(histogram.percentile(99))} max=${ms(histogram.max)} mean=${ms(histogram.mean)}\n`,
  );
  histogram.reset();
});
