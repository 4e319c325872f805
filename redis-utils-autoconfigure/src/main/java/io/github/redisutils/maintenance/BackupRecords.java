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

package io.github.redisutils.maintenance;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The backup format: lines written from what the read script returned, and lines read
 * back into the arguments of the write script. Its own JSON mapper, so the application's
 * Jackson settings never change the format.
 */
final class BackupRecords {

	static final String FORMAT = "redis-utils-backup";

	static final int VERSION = 1;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Pattern STREAM_ID = Pattern.compile("(\\d{1,20})-(\\d{1,20})");

	private BackupRecords() {
	}

	static byte[] header(String prefix, String pattern, Instant backupTime, BackupFormat format) {
		ObjectNode header = MAPPER.createObjectNode();
		header.put("format", FORMAT);
		header.put("version", VERSION);
		header.put("prefix", prefix);
		header.put("pattern", pattern);
		header.put("backupTime", backupTime.toString());
		header.put("backupTimeMillis", backupTime.toEpochMilli());
		header.put("values", format.name().toLowerCase(java.util.Locale.ROOT));
		return line(header);
	}

	static byte[] end(long keys) {
		ObjectNode end = MAPPER.createObjectNode();
		end.put("end", true);
		end.put("keys", keys);
		return line(end);
	}

	/**
	 * Write one key's record from the read script's reply {type, pttl, value[, last id]}.
	 */
	static byte[] record(byte[] key, String type, long ttlMillis, Object value, @Nullable Object lastId, boolean dump) {
		boolean base64 = !isUtf8(key) || (!dump && !allUtf8(value)) || (lastId != null && !allUtf8(lastId));
		ObjectNode record = MAPPER.createObjectNode();
		record.put("key", text(key, base64));
		record.put("type", type);
		record.put("ttlMillis", ttlMillis);
		if (base64) {
			record.put("encoding", "base64");
		}
		if (dump) {
			record.put("dump", Base64.getEncoder().encodeToString((byte[]) value));
			return line(record);
		}
		List<?> elements = (value instanceof List<?> list) ? list : List.of();
		switch (type) {
			case "string" -> record.put("value", text((byte[]) value, base64));
			case "hash" -> {
				ObjectNode hash = record.putObject("value");
				for (int i = 0; i + 1 < elements.size(); i += 2) {
					hash.put(text((byte[]) elements.get(i), base64), text((byte[]) elements.get(i + 1), base64));
				}
			}
			case "list", "set" -> {
				ArrayNode array = record.putArray("value");
				for (Object element : elements) {
					array.add(text((byte[]) element, base64));
				}
			}
			case "zset" -> {
				ArrayNode array = record.putArray("value");
				for (int i = 0; i + 1 < elements.size(); i += 2) {
					ArrayNode pair = array.addArray();
					pair.add(text((byte[]) elements.get(i), base64));
					String score = new String((byte[]) elements.get(i + 1), StandardCharsets.US_ASCII);
					double parsed = parseScore(score);
					if (Double.isInfinite(parsed)) {
						pair.add((parsed > 0) ? "inf" : "-inf");
					}
					else {
						pair.add(parsed);
					}
				}
			}
			case "stream" -> {
				ObjectNode stream = record.putObject("value");
				stream.put("lastId", (lastId != null) ? text((byte[]) lastId, false) : "");
				ArrayNode entries = stream.putArray("entries");
				for (Object entry : elements) {
					List<?> idAndFields = (List<?>) entry;
					ObjectNode written = entries.addObject();
					written.put("id", new String((byte[]) idAndFields.get(0), StandardCharsets.US_ASCII));
					ArrayNode fields = written.putArray("fields");
					List<?> flat = (List<?>) idAndFields.get(1);
					for (int i = 0; i + 1 < flat.size(); i += 2) {
						ArrayNode pair = fields.addArray();
						pair.add(text((byte[]) flat.get(i), base64));
						pair.add(text((byte[]) flat.get(i + 1), base64));
					}
				}
			}
			default -> throw new IllegalArgumentException("Unsupported type " + type);
		}
		return line(record);
	}

	private static byte[] line(ObjectNode node) {
		byte[] json = MAPPER.writeValueAsBytes(node);
		byte[] line = new byte[json.length + 1];
		System.arraycopy(json, 0, line, 0, json.length);
		line[json.length] = '\n';
		return line;
	}

	static Header readHeader(String line) {
		JsonNode node;
		try {
			node = MAPPER.readTree(line);
		}
		catch (JacksonException ex) {
			throw new InvalidRecordException("not JSON: " + ex.getOriginalMessage(), null);
		}
		if (!node.isObject() || !FORMAT.equals(node.path("format").asString(null))) {
			throw new InvalidRecordException("no backup header (\"format\": \"" + FORMAT + "\")", null);
		}
		int version = node.path("version").asInt(0);
		if (version != VERSION) {
			throw new InvalidRecordException(
					"backup format version " + version + " is not supported (only " + VERSION + ")", null);
		}
		JsonNode millis = node.path("backupTimeMillis");
		String prefix = node.path("prefix").asString(null);
		if (!millis.canConvertToLong() || prefix == null) {
			throw new InvalidRecordException("the header has no backupTimeMillis or prefix", null);
		}
		return new Header(prefix, Instant.ofEpochMilli(millis.longValue()));
	}

	static JsonNode parse(String line) {
		try {
			JsonNode node = MAPPER.readTree(line);
			if (node == null || !node.isObject()) {
				throw new InvalidRecordException("not a JSON object", null);
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new InvalidRecordException("not JSON (corrupt or truncated): " + ex.getOriginalMessage(), null);
		}
	}

	static boolean isEnd(JsonNode node) {
		return node.path("end").asBoolean(false);
	}

	/**
	 * Read a key's record into what the write script needs, validating it fully first so
	 * that the script does not fail halfway.
	 */
	static Restorable restorable(JsonNode node) {
		JsonNode encodingNode = node.get("encoding");
		boolean base64;
		if (encodingNode == null || "utf8".equals(encodingNode.asString(null))) {
			base64 = false;
		}
		else if ("base64".equals(encodingNode.asString(null))) {
			base64 = true;
		}
		else {
			throw new InvalidRecordException("unknown encoding " + encodingNode, null);
		}
		byte[] key = bytes(required(node, "key", null), base64, "key", null);
		String type = required(node, "type", key).asString(null);
		JsonNode ttlNode = required(node, "ttlMillis", key);
		if (!ttlNode.isIntegralNumber() || !ttlNode.canConvertToLong()) {
			throw new InvalidRecordException("ttlMillis is no integer", key);
		}
		long ttl = ttlNode.longValue();
		List<byte[]> payload = new ArrayList<>();
		JsonNode dump = node.get("dump");
		if (dump != null) {
			try {
				payload.add(Base64.getDecoder().decode(stringValue(dump, "dump", key)));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRecordException("dump is no base64: " + ex.getMessage(), key);
			}
			return new Restorable(key, "dump", ttl, payload);
		}
		JsonNode value = required(node, "value", key);
		if (type == null) {
			throw new InvalidRecordException("type is no string", key);
		}
		switch (type) {
			case "string" -> payload.add(bytes(value, base64, "value", key));
			case "hash" -> {
				if (!value.isObject() || value.isEmpty()) {
					throw new InvalidRecordException("a hash's value must be a non-empty object", key);
				}
				for (Map.Entry<String, JsonNode> field : value.properties()) {
					payload.add(decode(field.getKey(), base64, "field", key));
					payload.add(bytes(field.getValue(), base64, "value of field " + field.getKey(), key));
				}
			}
			case "list", "set" -> {
				nonEmptyArray(value, type, key);
				for (JsonNode element : value) {
					payload.add(bytes(element, base64, "element", key));
				}
			}
			case "zset" -> {
				nonEmptyArray(value, type, key);
				for (JsonNode pair : value) {
					if (!pair.isArray() || pair.size() != 2) {
						throw new InvalidRecordException("a zset's element must be [member, score]", key);
					}
					payload.add(ascii(score(pair.get(1), key)));
					payload.add(bytes(pair.get(0), base64, "member", key));
				}
			}
			case "stream" -> streamPayload(value, base64, key, payload);
			default -> throw new InvalidRecordException("unknown type '" + type + "'", key);
		}
		return new Restorable(key, type, ttl, payload);
	}

	private static void streamPayload(JsonNode value, boolean base64, byte[] key, List<byte[]> payload) {
		if (!value.isObject()) {
			throw new InvalidRecordException("a stream's value must be an object", key);
		}
		String lastId = stringValue(required(value, "lastId", key), "lastId", key);
		JsonNode entries = required(value, "entries", key);
		if (!entries.isArray()) {
			throw new InvalidRecordException("a stream's entries must be an array", key);
		}
		payload.add(ascii(lastId));
		long[] previous = null;
		for (JsonNode entry : entries) {
			String id = stringValue(required(entry, "id", key), "id", key);
			long[] parsed = streamId(id, key);
			if (previous != null && compare(parsed, previous) <= 0) {
				throw new InvalidRecordException("stream entry ids must increase (" + id + ")", key);
			}
			previous = parsed;
			JsonNode fields = required(entry, "fields", key);
			if (!fields.isArray() || fields.isEmpty()) {
				throw new InvalidRecordException("stream entry " + id + " has no fields", key);
			}
			payload.add(ascii(id));
			payload.add(ascii(Integer.toString(fields.size())));
			for (JsonNode pair : fields) {
				if (!pair.isArray() || pair.size() != 2) {
					throw new InvalidRecordException("a stream entry's field must be [field, value]", key);
				}
				payload.add(bytes(pair.get(0), base64, "field", key));
				payload.add(bytes(pair.get(1), base64, "value", key));
			}
		}
		if (!lastId.isEmpty()) {
			long[] last = streamId(lastId, key);
			if (previous != null && compare(last, previous) < 0) {
				throw new InvalidRecordException("lastId " + lastId + " is before the last entry", key);
			}
		}
		else if (previous == null) {
			throw new InvalidRecordException("an empty stream needs a lastId", key);
		}
	}

	private static long[] streamId(String id, byte[] key) {
		Matcher matcher = STREAM_ID.matcher(id);
		if (!matcher.matches()) {
			throw new InvalidRecordException("'" + id + "' is no stream id", key);
		}
		try {
			return new long[] { Long.parseUnsignedLong(matcher.group(1)), Long.parseUnsignedLong(matcher.group(2)) };
		}
		catch (NumberFormatException ex) {
			throw new InvalidRecordException("'" + id + "' is no stream id", key);
		}
	}

	private static int compare(long[] a, long[] b) {
		int first = Long.compareUnsigned(a[0], b[0]);
		return (first != 0) ? first : Long.compareUnsigned(a[1], b[1]);
	}

	private static String score(JsonNode score, byte[] key) {
		if (score.isNumber()) {
			double value = score.doubleValue();
			if (Double.isNaN(value) || Double.isInfinite(value)) {
				throw new InvalidRecordException("score " + score + " is out of range", key);
			}
			return Double.toString(value);
		}
		String text = score.isString() ? score.asString() : "";
		return switch (text) {
			case "inf", "+inf" -> "inf";
			case "-inf" -> "-inf";
			default -> throw new InvalidRecordException("score " + score + " is no number", key);
		};
	}

	private static double parseScore(String score) {
		return switch (score.toLowerCase(java.util.Locale.ROOT)) {
			case "inf", "+inf" -> Double.POSITIVE_INFINITY;
			case "-inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.parseDouble(score);
		};
	}

	private static void nonEmptyArray(JsonNode value, String type, byte[] key) {
		if (!value.isArray() || value.isEmpty()) {
			throw new InvalidRecordException("a " + type + "'s value must be a non-empty array", key);
		}
	}

	private static JsonNode required(JsonNode node, String field, byte @Nullable [] key) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new InvalidRecordException("no " + field, key);
		}
		return value;
	}

	private static String stringValue(JsonNode node, String what, byte @Nullable [] key) {
		if (!node.isString()) {
			throw new InvalidRecordException(what + " is no string", key);
		}
		return node.asString();
	}

	private static byte[] bytes(JsonNode node, boolean base64, String what, byte @Nullable [] key) {
		return decode(stringValue(node, what, key), base64, what, key);
	}

	private static byte[] decode(String text, boolean base64, String what, byte @Nullable [] key) {
		if (!base64) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		try {
			return Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRecordException(what + " is no base64: " + ex.getMessage(), key);
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static String text(byte[] bytes, boolean base64) {
		return base64 ? Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.UTF_8);
	}

	private static boolean allUtf8(Object value) {
		if (value instanceof byte[] bytes) {
			return isUtf8(bytes);
		}
		if (value instanceof List<?> list) {
			for (Object element : list) {
				if (!allUtf8(element)) {
					return false;
				}
			}
		}
		return true;
	}

	static boolean isUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * A backup's header.
	 */
	record Header(String prefix, Instant backupTime) {

	}

	/**
	 * A key's record, ready for the write script.
	 */
	record Restorable(byte[] key, String type, long ttlMillis, List<byte[]> payload) {

	}

	/**
	 * A record that cannot be restored, and why.
	 */
	static final class InvalidRecordException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final byte @Nullable [] key;

		InvalidRecordException(String reason, byte @Nullable [] key) {
			super(reason, null, false, false);
			this.key = key;
		}

		byte @Nullable [] key() {
			return this.key;
		}

	}

}
