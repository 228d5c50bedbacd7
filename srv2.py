import socket, sys, time
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0)); ls.listen(5); print(ls.getsockname()[1], flush=True)
c,_ = ls.accept(); data=b""
while b"{}" not in data: data += c.recv(65536)
c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"); time.sleep(0.1); c.close(); ls.close(); time.sleep(3)
