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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisScripts;
import io.github.redisutils.core.RedisTemplates;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Runs the queue scripts and the few plain reads, with binary values (payloads are codec
 * bytes). Connection failures become {@link RedisUnavailableException}; anything else
 * Redis answers with (a script error) a {@link RedisUtilsException}, never taken for an
 * outage.
 *
 * @author redis-utils authors
 */
@SuppressWarnings("rawtypes")
final class QueueScripts {

	private static final String LOCATION = "io/github/redisutils/queue/";

	static final RedisScript<List> ENQUEUE = script("enqueue", List.class);

	static final RedisScript<List> TAKE = script("take", List.class);

	static final RedisScript<List> EXTEND = script("extend", List.class);

	static final RedisScript<List> COMPLETE = script("complete", List.class);

	static final RedisScript<Long> PROGRESS = script("progress", Long.class);

	static final RedisScript<Long> FAIL = script("fail", Long.class);

	static final RedisScript<Long> GIVE_BACK = script("give-back", Long.class);

	static final RedisScript<Long> CANCEL = script("cancel", Long.class);

	static final RedisScript<Long> RETRY_DEAD = script("retry-dead", Long.class);

	static final RedisScript<Long> CLEAR = script("clear", Long.class);

	static final RedisScript<List> STATS = script("stats", List.class);

	static final RedisScript<List> SCHEDULE = script("schedule", List.class);

	private final RedisTemplate<String, byte[]> template;

	private final RedisConnectionFactory connectionFactory;

	private final OutageBackoff outage;

	QueueScripts(RedisConnectionFactory connectionFactory) {
		this(connectionFactory, RedisTemplates.binary(connectionFactory), OutageBackoff.disabled(JobQueues.FEATURE));
	}

	private QueueScripts(RedisConnectionFactory connectionFactory, RedisTemplate<String, byte[]> template,
			OutageBackoff outage) {
		this.connectionFactory = connectionFactory;
		this.template = template;
		this.outage = outage;
	}

	/**
	 * Return scripts whose calls go through the given outage back-off: the application's
	 * own calls (enqueue, find) use them; workers do not, since they have their own retry
	 * loop and an acknowledgement must always be tried.
	 */
	QueueScripts guardedBy(OutageBackoff outage) {
		return new QueueScripts(this.connectionFactory, this.template, outage);
	}

	RedisConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	private static <T> RedisScript<T> script(String name, Class<T> type) {
		return RedisScripts.fromResource(LOCATION + name + ".lua", type);
	}

	/**
	 * Run a script with the queue's keys; ARGV[1] is the job prefix, then the arguments
	 * (strings, numbers and byte arrays).
	 */
	<T> @Nullable T run(RedisScript<T> script, QueueKeys keys, Object... args) {
		return run(script, keys, keys.all(), args);
	}

	/**
	 * Run a script with the queue's keys followed by more keys of the same queue.
	 */
	<T> @Nullable T runWith(RedisScript<T> script, QueueKeys keys, String moreKey, Object... args) {
		List<String> all = new ArrayList<>(keys.all());
		all.add(moreKey);
		return run(script, keys, all, args);
	}

	private <T> @Nullable T run(RedisScript<T> script, QueueKeys keys, List<String> scriptKeys, Object... args) {
		Object[] argv = new Object[args.length + 1];
		argv[0] = bytes(keys.jobPrefix());
		for (int i = 0; i < args.length; i++) {
			argv[i + 1] = bytes(args[i]);
		}
		return this.outage.call(() -> this.template.execute(script, scriptKeys, argv),
				"run a script of job queue '" + keys.queue() + "'", keys.waiting());
	}

	Map<String, byte[]> hash(QueueKeys keys, String id) {
		String key = keys.job(id);
		return this.outage.call(() -> this.template.<String, byte[]>opsForHash().entries(key),
				"read a job of queue '" + keys.queue() + "'", key);
	}

	@Nullable byte[] hashField(QueueKeys keys, String id, String field) {
		String key = keys.job(id);
		return this.outage.call(() -> this.template.<String, byte[]>opsForHash().get(key, field),
				"read a job of queue '" + keys.queue() + "'", key);
	}

	Set<byte[]> range(String key, long start, long end) {
		Set<byte[]> range = this.outage.call(() -> this.template.opsForZSet().range(key, start, end),
				"read a job queue", key);
		return (range != null) ? range : Set.of();
	}

	static byte[] bytes(Object value) {
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		return value.toString().getBytes(StandardCharsets.UTF_8);
	}

}
