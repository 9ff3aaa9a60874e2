#!/usr/bin/env python3
"""Writes v0-store/: a store in format 0 (the layout before format 1), holding NotesModel payloads.

Format 0 (see Sources/Store/LegacyStore.swift and docs/STORAGE.md):
  data.snapshot: "SHLGSNAP", u32 format 0, u64 sequence, u64 payload length, payload, u32 CRC-32C(payload)
  data.journal:  "SHLGJRNL", u32 format 0, then records:
                 u32 body length, body = (u64 seq, i64 unix seconds, u16 actor length, actor, payload),
                 u32 CRC-32C(body)
Kept in the repository so that the migration test reads bytes written by "an older program".
"""
import os
import struct


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def text(s):
    b = s.encode("utf-8")
    return struct.pack("<Q", len(b)) + b


def add(s):
    return b"\x00" + text(s)


def set_note(note_id, s):
    return b"\x01" + struct.pack("<Q", note_id) + (b"\x01" + text(s) if s is not None else b"\x00")


def group(parts):
    return b"\x02" + struct.pack("<Q", len(parts)) + b"".join(parts)


def state(next_id, last_edited_micros, notes):
    out = struct.pack("<QqQ", next_id, last_edited_micros, len(notes))
    for note_id in sorted(notes):
        out += struct.pack("<Q", note_id) + text(notes[note_id])
    return out


def record(seq, seconds, actor, payload):
    actor = actor.encode("utf-8")
    body = struct.pack("<QqH", seq, seconds, len(actor)) + actor + payload
    return struct.pack("<I", len(body)) + body + struct.pack("<I", crc32c(body))


here = os.path.dirname(os.path.abspath(__file__))
folder = os.path.join(here, "v0-store")
os.makedirs(folder, exist_ok=True)

base = 1_700_000_000
payload = state(3, (base + 2) * 1_000_000, {1: "张三：九龙坡区委员", 2: "李四：渝中区委员"})
with open(os.path.join(folder, "data.snapshot"), "wb") as f:
    f.write(b"SHLGSNAP" + struct.pack("<IQQ", 0, 2, len(payload)) + payload + struct.pack("<I", crc32c(payload)))

records = [
    record(1, base + 1, "clerk", add("张三：九龙坡区委员")),
    record(2, base + 2, "clerk", add("李四：渝中区委员")),
    record(3, base + 3, "clerk", add("王五：渝北区委员")),
    record(4, base + 4, "secretary", set_note(1, "张三：已调整到荣昌区")),
    record(5, base + 5, "clerk", group([add("巡河记录：濑溪河荣昌段"), add("社情民意：井盖缺失")])),
]
torn = record(6, base + 6, "clerk", add("写到一半的记录"))[:17]
with open(os.path.join(folder, "data.journal"), "wb") as f:
    f.write(b"SHLGJRNL" + struct.pack("<I", 0) + b"".join(records) + torn)
