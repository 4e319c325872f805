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
package io.github.redisutils.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

/**
 * Callback that tunes the {@link JsonMapper} behind the auto-configured
 * {@link io.github.redisutils.core.codec.ValueCodec}, for example to register a module.
 * The codec has a mapper of its own, not the application's, so that a change made for
 * HTTP (a naming strategy, say) does not silently change the format of values already
 * stored in Redis.
 *
 * @author redis-utils authors
 */
@FunctionalInterface
public interface ValueCodecJsonMapperCustomizer {

	/**
	 * Customize the mapper's builder.
	 * @param builder the builder
	 */
	void customize(JsonMapper.Builder builder);

}
