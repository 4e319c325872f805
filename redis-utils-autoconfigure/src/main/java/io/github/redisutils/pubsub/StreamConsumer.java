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
package io.github.redisutils.pubsub;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.github.redisutils.core.RedisThreads;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Consumes one reliable stream in one consumer group, on a thread and a Lettuce
 * connection of its own: {@code XREADGROUP BLOCK} never runs on the shared connection.
 * Each entry's handler runs on this thread; the entry is acknowledged after the handler
 * returns. A failing entry stays pending and, once idle for {@code claimIdle}, is claimed
 * ({@code XAUTOCLAIM}, Redis 6.2+) by whichever consumer of the group looks first, this
 * one included, which is also how the entries of a dead consumer reach a live one. After
 * {@code maxDeliveries} deliveries a failing entry is acknowledged and dropped.
 * <p>
 * The group is created at the stream's end ({@code $}) when this consumer first joins it:
 * a new group hears what is published from then on. If the group vanishes later
 * ({@code NOGROUP}: a restart without persistence, the stream deleted, a failover to a
 * replica that never had the group), it is created again at once at the stream's start
 * ({@code 0}), not at its end, so nothing published since it vanished is skipped. After a
 * restart without persistence or a deletion the stream holds only what was published
 * since, so exactly that is delivered; where the stream survived without the group (a
 * failover), the entries it still retains (at most {@code maxLength}, approximately) are
 * delivered again, including ones already acknowledged: at least once, never lost.
 *
 * @author redis-utils authors
 */
final class StreamConsumer implements Runnable {

	private static final Log logger = LogFactory.getLog(StreamConsumer.class);

	static final String FIELD = "m";

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private static final Duration RETRY = Duration.ofSeconds(1);

	/**
	 * What the consumer asks of its owner for each entry: {@code true} to acknowledge it
	 * (handled, or never decodable), {@code false} to leave it pending.
	 */
	interface EntryHandler {

		boolean handle(byte[] message);

		void dropped(String entryId, long deliveries);

	}

	private final LettuceConnectionFactory connectionFactory;

	private final String stream;

	private final String channel;

	private final String group;

	private final Consumer<String> consumer;

	private final PubSubOptions.Reliable options;

	private final EntryHandler handler;

	private final RedisThreads threads;

	/**
	 * Whether this consumer has joined its group once: from then on it re-creates it at
	 * 0.
	 */
	private volatile boolean joined;

	private @Nullable Thread thread;

	private volatile boolean running;

	private volatile boolean consuming;

	private @Nullable StatefulConnection<String, byte[]> connection;

	private long nextClaim;

	StreamConsumer(LettuceConnectionFactory connectionFactory, String stream, String channel, String group,
			PubSubOptions.Reliable options, EntryHandler handler, RedisThreads threads) {
		this.connectionFactory = connectionFactory;
		this.stream = stream;
		this.channel = channel;
		this.group = group;
		this.consumer = Consumer.from(group, options.consumer());
		this.options = options;
		this.handler = handler;
		this.threads = threads;
	}

	String channel() {
		return this.channel;
	}

	String group() {
		return this.group;
	}

	String stream() {
		return this.stream;
	}

	boolean isConsuming() {
		return this.consuming;
	}

	/**
	 * Start consuming on a new thread (a stopped consumer may be started again).
	 */
	synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		// Claim at once: entries of consumers that died while none was running wait.
		this.nextClaim = System.nanoTime();
		this.thread = this.threads.start("pubsub-reliable", this);
	}

	/**
	 * Stop consuming: the handler running now is interrupted; entries not acknowledged
	 * stay pending for another consumer to claim.
	 */
	synchronized void stop(Duration timeout) {
		this.running = false;
		Thread consumerThread = this.thread;
		if (consumerThread == null) {
			return;
		}
		this.thread = null;
		consumerThread.interrupt();
		try {
			consumerThread.join(Math.max(1, timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void run() {
		while (this.running) {
			try {
				RedisStreamCommands<String, byte[]> commands = commands();
				if (System.nanoTime() - this.nextClaim >= 0) {
					claim(commands);
					this.nextClaim = System.nanoTime() + Math.max(this.options.claimIdle().toNanos() / 2, 50_000_000L);
				}
				List<StreamMessage<String, byte[]>> entries = commands.xreadgroup(this.consumer,
						XReadArgs.Builder.block(this.options.block()).count(this.options.batchSize()),
						XReadArgs.StreamOffset.lastConsumed(this.stream));
				process(commands, entries, (id) -> true);
			}
			catch (RedisCommandInterruptedException ex) {
				break;
			}
			catch (RedisCommandExecutionException ex) {
				if (!this.running) {
					break;
				}
				if (String.valueOf(ex.getMessage()).startsWith("NOGROUP") && this.connection != null) {
					// The group vanished: create it again now, from the stream's start.
					logger.warn("Pub/sub: the consumer group '" + this.group + "' of '" + this.channel
							+ "' vanished; creating it again from the stream's start, so what was published "
							+ "meanwhile is delivered (entries the stream retains may be delivered again)");
					try {
						createGroup(sync(this.connection));
					}
					catch (RuntimeException failure) {
						failed(failure);
					}
					continue;
				}
				failed(ex);
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					break;
				}
				failed(ex);
			}
		}
		this.consuming = false;
		closeConnection();
	}

	private void failed(RuntimeException ex) {
		this.consuming = false;
		logger.warn("Pub/sub: reliable consumer of '" + this.channel + "' failed (" + ex.getMessage()
				+ "), trying again in " + RETRY.toSeconds() + " s");
		closeConnection();
		sleep(RETRY);
	}

	private void claim(RedisStreamCommands<String, byte[]> commands) {
		String start = "0-0";
		// Bounded per round, so new entries are not starved by a large backlog.
		for (int round = 0; round < 10 && this.running; round++) {
			ClaimedMessages<String, byte[]> claimed = commands.xautoclaim(this.stream,
					XAutoClaimArgs.Builder.xautoclaim(this.consumer, this.options.claimIdle(), start)
						.count(this.options.batchSize()));
			process(commands, claimed.getMessages(), (id) -> withinDeliveries(commands, id));
			start = claimed.getId();
			if ("0-0".equals(start) || claimed.getMessages().isEmpty()) {
				return;
			}
		}
	}

	private boolean withinDeliveries(RedisStreamCommands<String, byte[]> commands, String id) {
		List<PendingMessage> pending = commands.xpending(this.stream, this.group, Range.create(id, id), Limit.from(1));
		long deliveries = pending.isEmpty() ? 0 : pending.get(0).getRedeliveryCount();
		if (deliveries > this.options.maxDeliveries()) {
			this.handler.dropped(id, deliveries);
			commands.xack(this.stream, this.group, id);
			return false;
		}
		return true;
	}

	private void process(RedisStreamCommands<String, byte[]> commands, List<StreamMessage<String, byte[]>> entries,
			Predicate<String> deliver) {
		for (StreamMessage<String, byte[]> entry : entries) {
			if (!this.running) {
				return;
			}
			byte[] message = (entry.getBody() != null) ? entry.getBody().get(FIELD) : null;
			if (message == null) {
				// Trimmed away while pending (XAUTOCLAIM returns no body) or not ours.
				commands.xack(this.stream, this.group, entry.getId());
				continue;
			}
			if (deliver.test(entry.getId()) && this.handler.handle(message)) {
				commands.xack(this.stream, this.group, entry.getId());
			}
		}
	}

	private RedisStreamCommands<String, byte[]> commands() {
		StatefulConnection<String, byte[]> current = this.connection;
		if (current == null) {
			AbstractRedisClient client = this.connectionFactory.getRequiredNativeClient();
			current = (client instanceof RedisClusterClient cluster) ? cluster.connect(CODEC)
					: ((RedisClient) client).connect(CODEC);
			// A blocking read must not time out before the server answers it.
			current.setTimeout(this.options.block().plusSeconds(10));
			this.connection = current;
			RedisStreamCommands<String, byte[]> commands = sync(current);
			createGroup(commands);
			this.consuming = true;
			return commands;
		}
		return sync(current);
	}

	/**
	 * Create the group unless it exists: at the stream's end when joining for the first
	 * time, at its start when it vanished after this consumer had joined it.
	 */
	private void createGroup(RedisStreamCommands<String, byte[]> commands) {
		XReadArgs.StreamOffset<String> offset = this.joined ? XReadArgs.StreamOffset.from(this.stream, "0-0")
				: XReadArgs.StreamOffset.latest(this.stream);
		try {
			commands.xgroupCreate(offset, this.group, XGroupCreateArgs.Builder.mkstream());
		}
		catch (RedisBusyException ex) {
			// BUSYGROUP: the group exists.
		}
		this.joined = true;
	}

	@SuppressWarnings("unchecked")
	private static RedisStreamCommands<String, byte[]> sync(StatefulConnection<String, byte[]> connection) {
		if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
			return ((StatefulRedisClusterConnection<String, byte[]>) cluster).sync();
		}
		return ((StatefulRedisConnection<String, byte[]>) connection).sync();
	}

	/**
	 * Drop the consumer's connection, for example because Sentinel switched the primary:
	 * the read under way fails and the next one is made on a new connection.
	 */
	void reconnect() {
		closeConnection();
	}

	private void closeConnection() {
		StatefulConnection<String, byte[]> current = this.connection;
		this.connection = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Pub/sub: closing a reliable consumer's connection failed", ex);
			}
		}
	}

	private void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
