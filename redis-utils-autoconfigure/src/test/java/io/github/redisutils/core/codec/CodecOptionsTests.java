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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CodecOptions}.
 *
 * @author redis-utils authors
 */
class CodecOptionsTests {

	@Test
	void defaultsAreJsonWithoutCompressionOrEncryption() {
		CodecOptions defaults = CodecOptions.defaults();
		assertThat(defaults.format()).isEqualTo(ValueFormat.JSON);
		assertThat(defaults.compressionThreshold()).isNull();
		assertThat(defaults.encryption()).isNull();
	}

	@Test
	void negativeCompressionThresholdIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CodecOptions(ValueFormat.JSON, -1, null))
			.withMessage("Compression threshold must not be negative, but was -1");
	}

	@Test
	void missingFormatIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CodecOptions(null, null, null))
			.withMessage("Value format must not be null");
	}

}
