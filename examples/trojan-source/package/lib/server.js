// A defanged demo of the "invisible backdoor": the second destructured name below is a Hangul
// filler (U+3164), which renders as blank space yet is a valid identifier. Whoever sends it as a
// query parameter gets it appended to the command list. Here the commands are only echoed.
const http = require('http');
const url = require('url');

http.createServer((req, res) => {
  const { timeout,ㅤ } = url.parse(req.url, true).query;
  const checks = [
    'echo ping example.invalid',
    ㅤ
  ];
  res.end(JSON.stringify({ timeout, checks }));
}).listen(8080);
