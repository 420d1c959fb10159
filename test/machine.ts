import os from 'node:os';

/**
 * How many times over the machine's cores are asked for: the load average over the cores, at least
 * 1. Work that takes a second on a machine the test has to itself takes about that many seconds on
 * one where other work holds the cores (measured under `npm run test:busy`: a hostile upload's
 * refusal 7.2 s at load 14 on 2 cores; a 503 while the database was down 4.5 s at load 12). A bound
 * on the time of CPU-bound work is multiplied by it, so the bound holds the product to its promise
 * on a quiet machine and still passes on a shared one.
 */
export const cpuContention = () => Math.max(1, os.loadavg()[0]! / os.cpus().length);
