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
package io.github.redisutils.sample;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisutils.pubsub.ReceivedMessage;
import io.github.redisutils.pubsub.PubSubListener;
import io.github.redisutils.pubsub.RedisPubSub;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Broadcasts announcements to every browser connected to any instance: a POST publishes
 * an {@link Announcement} on the {@code announcements} channel, every instance receives
 * it in its {@link PubSubListener} method and forwards it to its own server-sent-events
 * clients. An announcement published while an instance is disconnected from Redis is lost
 * for that instance's clients (classic pub/sub); use the reliable mode where that
 * matters.
 *
 * @author redis-utils authors
 */
@RestController
class BroadcastController {

	private final RedisPubSub pubSub;

	private final Set<SseEmitter> clients = ConcurrentHashMap.newKeySet();

	BroadcastController(RedisPubSub pubSub) {
		this.pubSub = pubSub;
	}

	@PostMapping("/broadcast/announcements")
	Map<String, Object> announce(@RequestBody Map<String, String> body) {
		Announcement announcement = new Announcement(body.getOrDefault("text", ""), Instant.now());
		long instances = this.pubSub.publish("announcements", announcement);
		return Map.of("published", true, "receivers", instances);
	}

	@GetMapping(path = "/broadcast/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() throws IOException {
		SseEmitter emitter = new SseEmitter(0L);
		// Sent at once, so the client sees the response start before any announcement.
		emitter.send(SseEmitter.event().comment("connected"));
		this.clients.add(emitter);
		emitter.onCompletion(() -> this.clients.remove(emitter));
		emitter.onTimeout(() -> this.clients.remove(emitter));
		emitter.onError((ex) -> this.clients.remove(emitter));
		return emitter;
	}

	@PubSubListener(channels = "announcements")
	void onAnnouncement(Announcement announcement, ReceivedMessage<Announcement> message) {
		for (SseEmitter client : this.clients) {
			try {
				client.send(SseEmitter.event().id(message.id()).name("announcement").data(announcement));
			}
			catch (IOException | IllegalStateException ex) {
				this.clients.remove(client);
			}
		}
	}

	/**
	 * What is broadcast.
	 *
	 * @param text the announcement
	 * @param at when it was made
	 */
	record Announcement(String text, Instant at) {
	}

}
