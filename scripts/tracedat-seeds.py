#!/usr/bin/env python3
"""Writes a small version 6 trace.dat from a larger one (the fuzz seeds of
TraceDatFuzzTest): only the event formats of the systems and events the capture's records use,
no printk formats, and the first PAGES ring-buffer pages of each CPU. trace-cmd convert turns it
into the version 7 seeds. Usage: tracedat-seeds.py IN.dat OUT.dat PAGES"""
import struct
import sys

src, dst, pages = sys.argv[1], sys.argv[2], int(sys.argv[3])
d = open(src, 'rb').read()
assert d[:10] == b'\x17\x08Dtracing' and d[10:12] == b'6\x00', 'a little-endian version 6 file'
p = 12
out = bytearray(d[:p + 6])  # endian, long size, page size
page_size = struct.unpack_from('<I', d, p + 2)[0]
p += 6


def take(n):
    global p
    b = d[p:p + n]
    p += n
    return b


def cstring():
    global p
    end = d.index(b'\0', p)
    return take(end - p + 1)


for _ in range(2):  # header_page, header_event
    name = cstring()
    size = take(8)
    out += name + size + take(struct.unpack('<Q', size)[0])


def formats(keep):
    count = struct.unpack('<I', take(4))[0]
    kept = []
    for _ in range(count):
        size = take(8)
        text = take(struct.unpack('<Q', size)[0])
        if keep(text.split(b'\n', 1)[0][6:].decode()):
            kept.append(size + text)
    return struct.pack('<I', len(kept)) + b''.join(kept)


out += formats(lambda name: name == 'kernel_stack')
wanted = {'sched': ('sched_switch', 'sched_waking'), 'lock': None, 'mmap_lock': None,
          'syscalls': ('sys_enter_madvise', 'sys_exit_madvise', 'sys_enter_mprotect',
                       'sys_exit_mprotect')}
systems = []
for _ in range(struct.unpack('<I', take(4))[0]):
    system = cstring()
    events = wanted.get(system[:-1].decode(), ())
    block = formats(lambda name: events is None or name in events)
    if block != struct.pack('<I', 0):
        systems.append(system + block)
out += struct.pack('<I', len(systems)) + b''.join(systems)
kallsyms = take(struct.unpack('<I', take(4))[0])
out += struct.pack('<I', len(kallsyms)) + kallsyms
take(struct.unpack('<I', take(4))[0])  # printk formats: none kept
out += struct.pack('<I', 0)
cmdlines = take(struct.unpack('<Q', take(8))[0])
out += struct.pack('<Q', len(cmdlines)) + cmdlines
cpus = take(4)
out += cpus
word = take(10)
if word == b'options  \0':
    out += word
    while True:
        option = take(2)
        out += option
        if option == b'\0\0':
            break
        size = take(4)
        out += size + take(struct.unpack('<I', size)[0])
    word = take(10)
assert word == b'flyrecord\0'
out += word
n = struct.unpack('<I', cpus)[0]
data = [struct.unpack('<QQ', take(16)) for _ in range(n)]
offset = (len(out) + 16 * n + page_size - 1) // page_size * page_size
table, blobs = b'', b''
for at, size in data:
    size = min(size, pages * page_size)
    table += struct.pack('<QQ', offset + len(blobs), size)
    blobs += d[at:at + size] + bytes(-size % page_size)
out += table
out += bytes(offset - len(out)) + blobs
open(dst, 'wb').write(out)
