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
package io.github.redisutils.session;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsSessionAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Shared set-up of the session store tests: an application context per "instance" on a
 * real Redis, with its own key prefix and a recorder of session events.
 *
 * @author redis-utils authors
 */
final class SessionTesting {

	private SessionTesting() {
	}

	static String newPrefix() {
		return "ss-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static ApplicationContextRunner runner(String[] redisProperties, String prefix, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(EventRecorder.class, EventRecorder::new)
			.withPropertyValues(redisProperties)
			.withPropertyValues("redis.key-prefix=" + prefix, "redis.session.active-count-refresh=0s")
			.withPropertyValues(properties);
	}

	static StringRedisTemplate redis(ApplicationContext context) {
		return new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
	}

	static SessionStore store(ApplicationContext context) {
		return context.getBean(SessionStore.class);
	}

	static String token(String sessionId) {
		return sessionId.substring(0, sessionId.indexOf('.'));
	}

	static String secret(String sessionId) {
		return sessionId.substring(sessionId.indexOf('.') + 1);
	}

	static String indexKey(String prefix, String sessionId) {
		return prefix + ":session:{" + token(sessionId) + "}:index";
	}

	static String sessionKey(String prefix, String sessionId) {
		return prefix + ":session:{" + token(sessionId) + "}:s:" + secret(sessionId);
	}

	/**
	 * Records the session events published in one context.
	 */
	static final class EventRecorder implements ApplicationListener<ApplicationEvent> {

		final List<SessionEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof PayloadApplicationEvent<?> payload
					&& payload.getPayload() instanceof SessionEvent sessionEvent) {
				this.events.add(sessionEvent);
			}
		}

		<E extends SessionEvent> List<E> of(Class<E> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
