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
package io.github.redisutils.cache;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.core.codec.ValueDecodingException;
import org.jspecify.annotations.Nullable;

/**
 * Turns cache entries into the bytes stored in Redis and back.
 * <p>
 * An entry is the {@link ValueCodec}'s bytes of the value ({@code null} included, stored
 * as JSON {@code null}, so a cached {@code null} is a present key and a miss is an absent
 * one). Caches with early refresh put a 14-byte envelope in front, recording when the
 * entry expires and how long it took to compute, which XFetch needs:
 *
 * <pre>
 * offset  length  content
 * 0       1       magic byte 0xCE (never the first byte of a ValueCodec value or of JSON)
 * 1       1       envelope version, 1
 * 2       8       expiry, epoch milliseconds of the writing instance's clock
 * 10      4       computation time in milliseconds
 * 14      n       the ValueCodec's bytes
 * </pre>
 *
 * Entries are read whichever way they were written, so switching early refresh on or off
 * keeps existing entries readable.
 *
 * @author redis-utils authors
 */
final class EntryCodec {

	static final byte MAGIC = (byte) 0xCE;

	private static final byte VERSION = 1;

	private static final int ENVELOPE_LENGTH = 14;

	private final ValueCodec codec;

	EntryCodec(ValueCodec codec) {
		this.codec = codec;
	}

	byte[] encode(@Nullable Object value) {
		return this.codec.encode(value);
	}

	byte[] encode(@Nullable Object value, long expiresAtMillis, long computeMillis) {
		byte[] body = this.codec.encode(value);
		ByteBuffer buffer = ByteBuffer.allocate(ENVELOPE_LENGTH + body.length);
		buffer.put(MAGIC).put(VERSION).putLong(expiresAtMillis);
		buffer.putInt((int) Math.min(Integer.MAX_VALUE, Math.max(0, computeMillis)));
		buffer.put(body);
		return buffer.array();
	}

	/**
	 * Decode an entry.
	 * @throws io.github.redisutils.core.codec.ValueCodecException if it cannot be decoded
	 * into the type
	 */
	Entry decode(byte[] stored, Type type) {
		if (stored.length > 0 && stored[0] == MAGIC) {
			if (stored.length < ENVELOPE_LENGTH || stored[1] != VERSION) {
				throw new ValueDecodingException("Cache entry envelope is truncated or of an unknown version");
			}
			ByteBuffer buffer = ByteBuffer.wrap(stored, 2, ENVELOPE_LENGTH - 2);
			long expiresAt = buffer.getLong();
			int computeMillis = buffer.getInt();
			Object value = this.codec.decode(Arrays.copyOfRange(stored, ENVELOPE_LENGTH, stored.length), type);
			return new Entry(value, expiresAt, computeMillis);
		}
		return new Entry(this.codec.decode(stored, type), 0, 0);
	}

	/**
	 * A decoded entry.
	 *
	 * @param value the value, {@code null} if {@code null} was cached
	 * @param expiresAtMillis when the entry expires, 0 if it was written without early
	 * refresh
	 * @param computeMillis how long the value took to compute
	 */
	record Entry(@Nullable Object value, long expiresAtMillis, long computeMillis) {

	}

}
