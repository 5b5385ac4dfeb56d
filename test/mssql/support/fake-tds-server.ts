/**
 * A TDS server on 127.0.0.1 that speaks just enough of the real protocol (MS-TDS 2.2.6.5 PRELOGIN) to answer a
 * client's pre-login with a chosen ENCRYPTION value, and records every byte each connection sends. It never does
 * TLS: a client that insists on TLS gets nowhere, one that does not sends its LOGIN7 (type 0x10) next, which is
 * recorded and answered by closing the socket.
 */
import { createServer, type Server, type Socket } from 'node:net';

export const PACKET = { PRELOGIN: 0x12, LOGIN7: 0x10, REPLY: 0x04 } as const;
export const ENCRYPT = { OFF: 0x00, ON: 0x01, NOT_SUP: 0x02, REQ: 0x03 } as const;

export interface FakeTdsServer {
  readonly port: number;
  /** Every byte received, per connection, in order. */
  readonly received: Buffer[][];
  /** The TDS packet types seen at the start of each packet (a TLS record's first byte is 0x16, not a TDS type). */
  readonly packetTypes: number[];
  close(): Promise<void>;
}

/** The PRELOGIN answer: VERSION, ENCRYPTION, INSTOPT, THREADID, MARS, then their data, in a type 0x04 packet. */
export function preloginResponse(encryption: number): Buffer {
  const options: [number, Buffer][] = [
    [0x00, Buffer.from([15, 0, 0x07, 0xd0, 0, 0])], // VERSION 15.0.2000
    [0x01, Buffer.from([encryption])],
    [0x02, Buffer.from([0])],
    [0x03, Buffer.alloc(0)],
    [0x04, Buffer.from([0])],
  ];
  const headerSize = options.length * 5 + 1;
  const head = Buffer.alloc(headerSize);
  const data: Buffer[] = [];
  let offset = headerSize;
  options.forEach(([token, value], i) => {
    head.writeUInt8(token, i * 5);
    head.writeUInt16BE(offset, i * 5 + 1);
    head.writeUInt16BE(value.length, i * 5 + 3);
    data.push(value);
    offset += value.length;
  });
  head.writeUInt8(0xff, headerSize - 1);
  const payload = Buffer.concat([head, ...data]);
  const packet = Buffer.alloc(8);
  packet.writeUInt8(PACKET.REPLY, 0);
  packet.writeUInt8(0x01, 1); // end of message
  packet.writeUInt16BE(8 + payload.length, 2);
  packet.writeUInt8(1, 6);
  return Buffer.concat([packet, payload]);
}

export async function startFakeTdsServer(encryption: number): Promise<FakeTdsServer> {
  const received: Buffer[][] = [];
  const packetTypes: number[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    received.push(chunks);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(Buffer.from(chunk));
      pending = Buffer.concat([pending, chunk]);
      // Walk whole TDS packets; anything that is not one (a TLS ClientHello) is recorded and the socket closed.
      while (pending.length >= 8) {
        const type = pending[0]!;
        packetTypes.push(type);
        const length = pending.readUInt16BE(2);
        if (type !== PACKET.PRELOGIN && type !== PACKET.LOGIN7) {
          socket.destroy();
          return;
        }
        if (pending.length < length) {
          packetTypes.pop();
          return;
        }
        pending = pending.subarray(length);
        if (type === PACKET.PRELOGIN) socket.write(preloginResponse(encryption));
        else socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    received,
    packetTypes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** TDS's LOGIN7 password obfuscation (MS-TDS 2.2.6.4): UTF-16LE, each byte's nibbles swapped, then XOR 0xA5. */
export function obfuscatedPassword(password: string): Buffer {
  const bytes = Buffer.from(password, 'utf16le');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    bytes[i] = (((b & 0x0f) << 4) | (b >> 4)) ^ 0xa5;
  }
  return bytes;
}
