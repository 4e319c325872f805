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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that a real application that is configured wrongly fails with Boot's report,
 * naming the property: the analyzer is registered where Boot looks for it.
 *
 * @author redis-utils authors
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisConfigurationFailureAnalyzerTests {

	@Test
	void aConfigurationMistakeFailsStartUpWithBootsReportNamingTheProperty(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(MinimalApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=Billing Service", "spring.main.banner-mode=off");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: spring.application.name")
			.contains("'Billing Service' must not contain white space")
			.contains("Set redis.key-prefix");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					redis.codec.format=msgpack                           | redis.codec.format                   | CBOR, JSON
					redis.rate-limit.policies.x.algorithm=leaky-bucket   | redis.rate-limit.policies.x.algorithm | FIXED_WINDOW, SLIDING_WINDOW, SLIDING_WINDOW_APPROXIMATE, TOKEN_BUCKET
					redis.session.limit-policy=drop-newest               | redis.session.limit-policy           | EVICT_OLDEST, REFUSE
					""")
	void anInvalidEnumValueFailsStartUpListingTheValidOnes(String property, String key, String valid,
			CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(EveryFeatureApplication.class)
			.web(WebApplicationType.NONE)
			.properties(property, "spring.main.banner-mode=off");
		assertThatException().isThrownBy(application::run);
		String report = output.getAll().substring(output.getAll().indexOf("APPLICATION FAILED TO START"));
		assertThat(report).contains("Property: " + key).contains("The following values are valid:");
		for (String value : valid.split(", ")) {
			assertThat(report).contains("    " + value);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class })
	static class MinimalApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
			RedisUtilsRateLimitAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class })
	static class EveryFeatureApplication {

	}

}
