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

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.github.redisutils.core.MalformedRedisDataException;
import io.github.redisutils.core.RedisReplies;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.core.codec.ValueCodecException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a job's hash as the scripts wrote it. A field of the wrong shape (another client
 * wrote to the queue's keys) raises {@link MalformedRedisDataException} naming the job's
 * key and the field.
 *
 * @author redis-utils authors
 */
final class JobHash {

	private final String key;

	private final Map<String, byte[]> fields;

	private JobHash(String key, Map<String, byte[]> fields) {
		this.key = key;
		this.fields = fields;
	}

	static JobHash of(String key, Map<String, byte[]> fields) {
		return new JobHash(key, fields);
	}

	JobInfo toInfo(String id, String queue, ValueCodec codec) {
		JobStatus status = status();
		Instant runAt = (status == JobStatus.DELAYED || status == JobStatus.FAILED)
				? Instant.ofEpochMilli(number("runAt", 0)) : null;
		return new JobInfo(id, queue, text("type"), status, priority(), (int) number("attempt", 0),
				(int) number("max", 1), Instant.ofEpochMilli(number("enq", 0)), runAt, optionalText("err"),
				optionalText("unique"), decoded("progress", codec), decoded("result", codec));
	}

	private @Nullable Object decoded(String field, ValueCodec codec) {
		byte[] value = this.fields.get(field);
		if (value == null || value.length == 0) {
			return null;
		}
		try {
			return codec.decode(value, Object.class);
		}
		catch (ValueCodecException ex) {
			// A value written with another key or format: the job is still shown.
			return null;
		}
	}

	private JobStatus status() {
		String state = text("state");
		try {
			return JobStatus.valueOf(state.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedRedisDataException(this.key, "state", "unknown job state '" + state + "'", ex);
		}
	}

	private JobPriority priority() {
		long ordinal = number("prio", 1);
		JobPriority[] priorities = JobPriority.values();
		if (ordinal < 0 || ordinal >= priorities.length) {
			throw new MalformedRedisDataException(this.key, "prio", "unknown priority " + ordinal, null);
		}
		return priorities[(int) ordinal];
	}

	private String text(String field) {
		byte[] value = this.fields.get(field);
		return (value != null) ? RedisReplies.string(value, this.key, field) : "";
	}

	private @Nullable String optionalText(String field) {
		String text = text(field);
		return text.isEmpty() ? null : text;
	}

	private long number(String field, long fallback) {
		byte[] value = this.fields.get(field);
		return (value != null && value.length > 0) ? RedisReplies.number(value, this.key, field) : fallback;
	}

}
