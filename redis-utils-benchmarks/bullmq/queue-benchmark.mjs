// Copyright 2026 the redis-utils authors.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//      https://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

// The QueueBenchmark workload on BullMQ: each operation is one no-op job added by one of 4
// concurrent producers (each awaiting its `queue.add` before the next) and processed by a
// Worker of concurrency 8 in the same process; completed jobs are kept for 1 hour / 1000
// jobs. A job counts when its processor has run. Measured like JMH's throughput mode: an
// iteration runs batches of 2,000 jobs (all enqueued, then all processed) back to back
// until its time is up, and scores the jobs of its batches over its elapsed time.
//
//   node queue-benchmark.mjs --host 127.0.0.1 --port 6379 [--warmup-iterations 2]
//       [--warmup-time 5] [--iterations 5] [--time 10] [--batch 2000] [--producers 4]
//       [--concurrency 8]
//
// It prints one line per iteration and, last, a line starting with "BULLMQ_SUMMARY " followed
// by JSON: { bullmq, node, redis, unit, mean, iterations: [...], warmup: [...], ... }.
// The queue's keys are removed before and after the run.

import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

const require = createRequire(import.meta.url);
const bullmqVersion = require('bullmq/package.json').version;

const { values: args } = parseArgs({
	options: {
		host: { type: 'string', default: '127.0.0.1' },
		port: { type: 'string' },
		'warmup-iterations': { type: 'string', default: '2' },
		'warmup-time': { type: 'string', default: '5' },
		iterations: { type: 'string', default: '5' },
		time: { type: 'string', default: '10' },
		batch: { type: 'string', default: '2000' },
		producers: { type: 'string', default: '4' },
		concurrency: { type: 'string', default: '8' },
		queue: { type: 'string', default: 'bench' },
	},
});

if (!args.port) {
	console.error('Usage: node queue-benchmark.mjs --host <host> --port <port> [options]');
	process.exit(2);
}

const positive = (name) => {
	const value = Number(args[name]);
	if (!Number.isInteger(value) || value < 0) {
		console.error(`--${name} must be a non-negative integer, not ${args[name]}`);
		process.exit(2);
	}
	return value;
};

const host = args.host;
const port = positive('port');
const warmupIterations = positive('warmup-iterations');
const warmupSeconds = positive('warmup-time');
const iterations = positive('iterations');
const seconds = positive('time');
const batch = positive('batch');
const producers = positive('producers');
const concurrency = positive('concurrency');

// As QueueBenchmark's QueueSettings: 3 attempts, backoff from 1 s, a 30 s lease,
// completed jobs kept 1 h / 1000, failed jobs 7 days / 10000.
const jobOptions = {
	attempts: 3,
	backoff: { type: 'exponential', delay: 1000 },
	removeOnComplete: { age: 3600, count: 1000 },
	removeOnFail: { age: 7 * 24 * 3600, count: 10000 },
};

const connection = { host, port, maxRetriesPerRequest: null };
const queue = new Queue(args.queue, { connection, defaultJobOptions: jobOptions });

let processed = 0;
let waiter = null;

const worker = new Worker(
	args.queue,
	async () => {
		processed++;
		if (waiter !== null && processed >= waiter.target) {
			const { resolve } = waiter;
			waiter = null;
			resolve();
		}
	},
	{ connection, concurrency, lockDuration: 30000, autorun: false },
);
worker.on('error', (error) => console.error('worker error:', error));

function processedReaches(target) {
	if (processed >= target) {
		return Promise.resolve();
	}
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('Jobs were not processed within a minute')), 60000);
		waiter = {
			target,
			resolve: () => {
				clearTimeout(timer);
				resolve();
			},
		};
	});
}

// One operation batch: the QueueBenchmark invocation.
async function enqueueAndProcess() {
	const target = processed + batch;
	const sent = [];
	for (let p = 0; p < producers; p++) {
		sent.push(
			(async () => {
				for (let i = p; i < batch; i += producers) {
					await queue.add('noop', i);
				}
			})(),
		);
	}
	await Promise.all(sent);
	await processedReaches(target);
}

async function iteration(durationSeconds) {
	const start = process.hrtime.bigint();
	const end = start + BigInt(durationSeconds) * 1_000_000_000n;
	let jobs = 0;
	do {
		await enqueueAndProcess();
		jobs += batch;
	}
	while (process.hrtime.bigint() < end);
	const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
	return { jobs, elapsed, throughput: jobs / elapsed };
}

const round = (value) => Math.round(value * 1000) / 1000;

async function main() {
	await queue.waitUntilReady();
	await queue.obliterate({ force: true });
	const client = new Redis({ host, port, lazyConnect: true });
	await client.connect();
	const info = await client.info('server');
	await client.quit();
	const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
	worker.run().catch((error) => {
		console.error('worker stopped:', error);
		process.exit(1);
	});
	await worker.waitUntilReady();
	console.log(`# BullMQ ${bullmqVersion}, Node ${process.version}, Redis ${redisVersion} at ${host}:${port}`);
	console.log(`# Warmup: ${warmupIterations} iterations, ${warmupSeconds} s each`);
	console.log(`# Measurement: ${iterations} iterations, ${seconds} s each`);
	console.log(`# Batch ${batch} jobs, ${producers} producers, worker concurrency ${concurrency}`);
	const warmup = [];
	for (let i = 1; i <= warmupIterations; i++) {
		const result = await iteration(warmupSeconds);
		warmup.push(round(result.throughput));
		console.log(`# Warmup Iteration ${i}: ${result.throughput.toFixed(3)} jobs/s (${result.jobs} jobs in ${result.elapsed.toFixed(3)} s)`);
	}
	const measured = [];
	for (let i = 1; i <= iterations; i++) {
		const result = await iteration(seconds);
		measured.push(round(result.throughput));
		console.log(`Iteration ${i}: ${result.throughput.toFixed(3)} jobs/s (${result.jobs} jobs in ${result.elapsed.toFixed(3)} s)`);
	}
	const mean = measured.reduce((sum, value) => sum + value, 0) / Math.max(measured.length, 1);
	const deviation = Math.sqrt(
		measured.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(measured.length - 1, 1));
	const summary = {
		bullmq: bullmqVersion,
		node: process.version,
		redis: redisVersion,
		unit: 'jobs/s',
		batch,
		producers,
		concurrency,
		mean: round(mean),
		stdev: round(deviation),
		iterations: measured,
		warmup,
	};
	console.log(`Mean: ${mean.toFixed(3)} jobs/s (stdev ${deviation.toFixed(3)}, ${measured.length} iterations)`);
	await worker.close();
	await queue.obliterate({ force: true });
	await queue.close();
	console.log(`BULLMQ_SUMMARY ${JSON.stringify(summary)}`);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
