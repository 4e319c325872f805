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

package io.github.redisutils.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ErrorText}: the first line, cut to 200 characters.
 *
 * @author redis-utils authors
 */
class ErrorTextTests {

	@Test
	void keepsTheFirstLineOnly() {
		assertThat(ErrorText.firstLine("Could not read a session: NOPERM\n\tat somewhere"))
			.isEqualTo("Could not read a session: NOPERM");
	}

	@Test
	void cutsALongLineAt200Characters() {
		assertThat(ErrorText.firstLine("x".repeat(250))).isEqualTo("x".repeat(200) + "...");
		assertThat(ErrorText.firstLine("x".repeat(200))).isEqualTo("x".repeat(200));
	}

}
