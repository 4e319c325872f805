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
package io.github.redisutils.blacklist;

import java.nio.charset.StandardCharsets;

import io.github.redisutils.core.PrimarySwitch;
import io.github.redisutils.core.PrimarySwitchListener;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisSubscription;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.SubscriptionStatus;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Keeps a {@link LocalRevocationCache} in sync: subscribes to the blacklist's channel
 * through a {@link RedisSubscription} and applies every message to the cache.
 * <p>
 * The cache answers only while the subscription is up. When Lettuce reports the
 * connection lost (Redis killed, connection reset), the cache is emptied and bypassed at
 * once, before any check can read it again; the subscription is made again with back-off,
 * and its confirmation empties the cache once more and lets it answer, so a revocation
 * published while the connection was down is read from Redis, never missed.
 *
 * @author redis-utils authors
 */
public final class RevocationSubscriber implements SmartLifecycle, PrimarySwitchListener {

	private final String channel;

	private final LocalRevocationCache cache;

	private final RedisSubscription subscription;

	/**
	 * Create a subscriber; it connects when started.
	 * @param connectionFactory the application's Lettuce connection factory
	 * @param redisKeys the key builder, which names the channel revocations are published
	 * on
	 * @param cache the cache to keep in sync
	 * @param threads where the subscription's thread comes from
	 * @param meterRegistry where the subscription's meters go
	 */
	public RevocationSubscriber(LettuceConnectionFactory connectionFactory, RedisKeys redisKeys,
			LocalRevocationCache cache, RedisThreads threads, MeterRegistry meterRegistry) {
		this.channel = BlacklistKeys.channel(redisKeys);
		this.cache = cache;
		this.subscription = RedisSubscription.create(connectionFactory, "blacklist", new Listener(), threads,
				meterRegistry);
	}

	@Override
	public void start() {
		this.subscription.subscribe(this.channel);
		this.subscription.start();
	}

	@Override
	public void stop() {
		this.subscription.stop();
		this.cache.unsubscribed();
	}

	@Override
	public boolean isRunning() {
		return this.subscription.isRunning();
	}

	@Override
	public void primarySwitched(PrimarySwitch primarySwitch) {
		reconnect();
	}

	/**
	 * Drop the connection and subscribe again; the cache is bypassed meanwhile.
	 */
	public void reconnect() {
		this.subscription.reconnect();
	}

	/**
	 * Return the subscription's state.
	 * @return the status
	 */
	public SubscriptionStatus subscriptionStatus() {
		return this.subscription.status();
	}

	/**
	 * Start before the web server (so the cache is warm when requests arrive) and stop
	 * after it.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 4096;
	}

	private final class Listener implements RedisSubscription.Listener {

		@Override
		public void message(String channel, byte[] message) {
			RevocationSubscriber.this.cache.messageReceived();
			SyncMessage.apply(new String(message, StandardCharsets.UTF_8), RevocationSubscriber.this.cache);
		}

		@Override
		public void connected() {
			if (RevocationSubscriber.this.subscription.status().refused().isEmpty()) {
				RevocationSubscriber.this.cache.subscribed();
			}
		}

		@Override
		public void disconnected() {
			RevocationSubscriber.this.cache.unsubscribed();
		}

	}

}
