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

package io.github.redisutils.core.codec;

/**
 * How a {@link ValueCodec} serializes values. The format a value was written with is
 * recorded in its header, so changing the format later leaves existing values readable.
 *
 * @author redis-utils authors
 */
public enum ValueFormat {

	/**
	 * JSON text, written with the application's {@code JsonMapper}. Readable with
	 * {@code redis-cli} when neither compression nor encryption is on.
	 */
	JSON,

	/**
	 * CBOR (RFC 8949), a binary form of the JSON data model: smaller and usually faster
	 * than JSON text. Requires {@code tools.jackson.dataformat:jackson-dataformat-cbor}
	 * on the classpath.
	 */
	CBOR

}
