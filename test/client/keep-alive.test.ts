import http from "http";
import { AddressInfo } from "net";
import { TwilioClient } from "../../provider/twilio/client";
import { Limiter } from "../../provider/twilio/http/limiter";
import { IDLE_SOCKET_MS } from "../../provider/twilio/http/request";

describe("kept-alive sockets", () => {
  let server: http.Server;
  let baseUrl: string;
  const closedAfterMs: number[] = [];

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ services: [], meta: { key: "services", next_page_url: null } }));
    });
    // Longer than any client keeps a socket: only the client can close it in this test.
    server.keepAliveTimeout = 30_000;
    server.on("connection", (socket) => {
      const opened = Date.now();
      socket.on("close", () => closedAfterMs.push(Date.now() - opened));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("are closed by the client before a server's usual idle timeout, so none is reused as the server closes it", async () => {
    expect(IDLE_SOCKET_MS).toBeLessThan(5_000);
    const client = new TwilioClient({
      credentials: { username: "ACtest", password: "secret" },
      apiBaseUrl: baseUrl,
      uploadBaseUrl: baseUrl,
      limiter: new Limiter(1),
      timeoutMs: 30_000,
    });
    await client.services.list({});
    const deadline = Date.now() + IDLE_SOCKET_MS + 2_000;
    while (closedAfterMs.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(closedAfterMs).toHaveLength(1);
    expect(closedAfterMs[0]).toBeGreaterThanOrEqual(IDLE_SOCKET_MS - 100);
    expect(closedAfterMs[0]).toBeLessThan(IDLE_SOCKET_MS + 1_500);
  });
});
