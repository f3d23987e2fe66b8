"""Drives headless Chromium over the DevTools protocol (a pipe; standard library only) with real
key presses, mouse clicks, wheel turns and drags, for the page's keyboard, zoom and filter checks.

    python3 page_driver.py CHROMIUM URL STEPS_JSON

STEPS_JSON is a list of steps; each is one of
    {"key": "Tab"} / {"key": "Enter"} / {"key": "Escape"} / {"key": "ArrowRight"} / {"key": "+"}
    {"text": "MLIT"}                      typed into the focused element
    {"click": "CSS selector"}             a left click at the centre of the element
    {"wheel": "CSS selector", "dy": -300} a wheel turn over the element's centre
    {"drag": "CSS selector", "dx": 100, "dy": 50}
    {"eval": "JS expression"}             its value (JSON) is appended to the output
    {"pdf": true}                         prints the page; the number of pages is appended
    {"screenshot": "file.png", "media": "print"}   a PNG of the viewport (as printed, if asked)
    {"media": "print"}                    from now on the page is styled as printed ("" undoes it)
Prints the list of values as JSON. The page's CSP does not apply to DevTools evaluation.
"""
import base64
import json
import os
import re
import subprocess
import sys
import tempfile

KEYS = {
    "Tab": ("Tab", 9), "Enter": ("Enter", 13), "Escape": ("Escape", 27), " ": ("Space", 32),
    "ArrowRight": ("ArrowRight", 39), "ArrowLeft": ("ArrowLeft", 37),
    "ArrowUp": ("ArrowUp", 38), "ArrowDown": ("ArrowDown", 40),
    "+": ("Equal", 187), "-": ("Minus", 189), "0": ("Digit0", 48),
}


class Browser:
    def __init__(self, chromium, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4.
        high_r, high_w = os.dup(to_browser_r), os.dup(from_browser_w)

        def fds():
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", "--remote-debugging-pipe", "--window-size=1400,900",
             "--user-data-dir=" + profile, "about:blank"],
            pass_fds=(3, 4), preexec_fn=fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (to_browser_r, from_browser_w, high_r, high_w):
            os.close(fd)
        self.next_id = 0
        self.buffer = b""
        self.session = None
        self.events = []

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(method + ": " + json.dumps(reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, method):
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    del self.events[i]
                    return event
            self.events.append(self.read())

    def open(self, url):
        targets = self.send("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": page["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        self.send("Page.enable")
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError("evaluating " + expression + ": " + json.dumps(result["exceptionDetails"]))
        return result["result"].get("value")

    def centre(self, selector):
        box = self.evaluate(
            "(function(){var e=document.querySelector(%s);e.scrollIntoView({block:'center',inline:'center'});"
            "var r=e.getBoundingClientRect();"
            "return [r.left+r.width/2, r.top+r.height/2];})()" % json.dumps(selector))
        return box[0], box[1]

    def key(self, name):
        code, number = KEYS.get(name, (name, 0))
        common = {"key": name, "code": code, "windowsVirtualKeyCode": number,
                  "nativeVirtualKeyCode": number}
        down = dict(common, type="keyDown")
        if name == "Enter":
            down["text"] = "\r"
        elif len(name) == 1:
            down["text"] = name
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", dict(common, type="keyUp"))

    def mouse(self, kind, x, y, **extra):
        self.send("Input.dispatchMouseEvent", dict({"type": kind, "x": x, "y": y}, **extra))


def main():
    chromium, url, steps = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    # Chromium's helper processes may still write to the profile as it closes.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        browser = Browser(chromium, profile)
        try:
            browser.open(url)
            out = []
            for step in steps:
                if "key" in step:
                    browser.key(step["key"])
                elif "text" in step:
                    browser.send("Input.insertText", {"text": step["text"]})
                elif "click" in step:
                    x, y = browser.centre(step["click"])
                    browser.mouse("mouseMoved", x, y)
                    browser.mouse("mousePressed", x, y, button="left", clickCount=1)
                    browser.mouse("mouseReleased", x, y, button="left", clickCount=1)
                elif "wheel" in step:
                    x, y = browser.centre(step["wheel"])
                    browser.mouse("mouseWheel", x, y, deltaX=0, deltaY=step["dy"])
                elif "drag" in step:
                    x, y = browser.centre(step["drag"])
                    browser.mouse("mouseMoved", x, y)
                    browser.mouse("mousePressed", x, y, button="left", clickCount=1)
                    for k in range(1, 6):
                        browser.mouse("mouseMoved", x + step["dx"] * k / 5, y + step["dy"] * k / 5,
                                      button="left", buttons=1)
                    browser.mouse("mouseReleased", x + step["dx"], y + step["dy"], button="left",
                                  clickCount=1)
                elif "eval" in step:
                    out.append(browser.evaluate(step["eval"]))
                elif "media" in step and "screenshot" not in step:
                    browser.send("Emulation.setEmulatedMedia", {"media": step["media"]})
                elif "screenshot" in step:
                    browser.send("Emulation.setEmulatedMedia", {"media": step.get("media", "")})
                    png = base64.b64decode(browser.send("Page.captureScreenshot", {"format": "png"})["data"])
                    with open(step["screenshot"], "wb") as f:
                        f.write(png)
                    browser.send("Emulation.setEmulatedMedia", {"media": ""})
                elif "pdf" in step:
                    pdf = base64.b64decode(browser.send(
                        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
                    out.append(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)))
            print(json.dumps(out))
        finally:
            try:
                browser.send("Browser.close", session=False)
                browser.process.wait(timeout=10)
            except Exception:  # already gone, or not closing: stop it
                browser.process.kill()
                browser.process.wait()


if __name__ == "__main__":
    main()
