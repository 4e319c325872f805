/*
 * Copyright 2026 the redis-utils authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.redisutils.queue;

import java.util.List;

import io.github.redisutils.core.RedisKeys;

/**
 * The keys of one queue, all under the hash tag {@code {queue}} so every script runs on
 * Cluster. The order of {@link #all()} is the KEYS order every queue script expects; the
 * schedule hash of recurring jobs is passed only to the script that fires them.
 *
 * @author redis-utils authors
 */
record QueueKeys(String queue, List<String> all, String jobPrefix, String schedules) {

	static QueueKeys of(RedisKeys.FeatureKeys keys, String queue) {
		List<String> all = List.of(keys.tagged(queue, "waiting"), keys.tagged(queue, "delayed"),
				keys.tagged(queue, "active"), keys.tagged(queue, "dead"), keys.tagged(queue, "completed"),
				keys.tagged(queue, "unique"), keys.tagged(queue, "seq"), keys.tagged(queue, "signal"),
				keys.tagged(queue, "spent"));
		// Job hashes are <prefix>:queue:{name}:job:<id>; scripts append the id.
		return new QueueKeys(queue, all, keys.tagged(queue, "job") + ":", keys.tagged(queue, "schedules"));
	}

	String waiting() {
		return this.all.get(0);
	}

	String dead() {
		return this.all.get(3);
	}

	String signal() {
		return this.all.get(7);
	}

	String spent() {
		return this.all.get(8);
	}

	String job(String id) {
		return this.jobPrefix + id;
	}

}
