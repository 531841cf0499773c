/**
 * Preloaded (node --require) into the Next.js server the launcher starts. The launcher holds the
 * other end of the pipe on HUM_LIFELINE_FD; the pipe closes when the launcher ends, however it
 * ends (SIGKILL included), and then this server ends too instead of holding the port as an
 * orphan. SIGTERM lets Next.js stop its own children; the exit after it is the fallback.
 */
const net = require("node:net");

const fd = Number(process.env.HUM_LIFELINE_FD);
// Only this process: anything Next.js starts must not read a pipe that is not its own.
delete process.env.HUM_LIFELINE_FD;

if (Number.isInteger(fd) && fd > 2) {
  const pipe = new net.Socket({ fd, readable: true, writable: false });
  let ending = false;
  const end = () => {
    if (ending) return;
    ending = true;
    setTimeout(() => process.exit(1), 5_000).unref();
    process.kill(process.pid, "SIGTERM");
  };
  pipe.on("error", end);
  pipe.on("end", end);
  pipe.on("close", end);
  pipe.resume();
  pipe.unref();
}
