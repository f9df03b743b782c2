"""PyTorch reference for `npm run bench`: the same configurations as bench/worker.mjs, on the CPU.

bench/run.mjs starts it once per case and thread count, so that each process's peak memory is its
own, and reads the single JSON line it prints:

    /usr/bin/python3 bench/torch_reference.py --case-json '{...}' --plan-json '{...}' --threads 1

The models are written here with torch.nn so that they compute what `atencion` computes: the same
sizes, masks (blocked scores get -1e9), dropout placement, tied output embeddings, AdamW, greedy
generation with and without a key/value cache. Without PyTorch it prints {"skipped": "..."}.
"""
import argparse
import json
import math
import resource
import sys
import time


def rss_bytes():
    """Current resident set size, from /proc (Linux)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * resource.getpagesize()
    except OSError:
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--case-json", required=True)
    parser.add_argument("--plan-json", required=True)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    case = json.loads(args.case_json)
    plan = json.loads(args.plan_json)
    try:
        import torch
    except ImportError:
        print(json.dumps({"skipped": "PyTorch no está instalado (apt-get install python3-torch)"}))
        return
    torch.set_num_threads(args.threads)
    torch.manual_seed(1234)
    t0 = time.perf_counter()
    run, cleanup = setup(torch, case)
    setup_ms = (time.perf_counter() - t0) * 1000
    rss_baseline = rss_bytes()
    for _ in range(plan["warmup"]):
        run()
    runs, cpu = [], []
    started = time.perf_counter()
    while len(runs) < plan["maxRuns"] and (len(runs) < plan["minRuns"] or time.perf_counter() - started < plan["budgetS"]):
        t, c = time.perf_counter(), time.process_time()
        run()
        runs.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)  # CPU time of every thread of the process
    cleanup()
    print(json.dumps({
        "case": case["id"],
        "impl": "pytorch",
        "backend": "torch",
        "threads": torch.get_num_threads(),
        "version": torch.__version__,
        "python": sys.version.split()[0],
        "warmup": plan["warmup"],
        "runsMs": runs,
        "cpuMs": cpu,
        "setupMs": setup_ms,
        "memory": {
            "peakTensorBytes": None,
            "wasmHeapBytes": None,
            "rssBaselineBytes": rss_baseline,
            "maxRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        },
    }))


def setup(torch, case):
    """Builds the case; returns (run, cleanup), where run() is one timed repetition."""
    import torch.nn as nn
    import torch.nn.functional as F

    c = case["config"]
    kind = case["kind"]

    def attend(q, k, v, mask, dropout=None):
        """softmax(q·kᵀ/√dk, blocked = -1e9) · v, as atencion's scaledDotProductAttention."""
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
        weights = torch.softmax(scores.masked_fill(~mask, -1e9), dim=-1)
        mixing = weights if dropout is None else dropout(weights)
        return mixing @ v, weights

    if kind == "sdpa":
        dh = c["D"] // c["H"]
        q, k, v = (torch.randn(c["B"], c["H"], c["T"], dh, requires_grad=True) for _ in range(3))
        mask = torch.tril(torch.ones(c["T"], c["T"], dtype=torch.bool))
        if case["pass"] == "forward":
            def run():
                with torch.no_grad():
                    attend(q, k, v, mask)
        else:
            def run():
                out, _ = attend(q, k, v, mask)
                torch.autograd.grad(out.sum(), [q, k, v])
        return run, lambda: None

    if kind == "mha":
        mha = nn.MultiheadAttention(c["D"], c["H"], batch_first=True)
        x = torch.randn(c["B"], c["T"], c["D"], requires_grad=True)
        blocked = ~torch.tril(torch.ones(c["T"], c["T"], dtype=torch.bool))  # torch: True = blocked

        def forward():
            return mha(x, x, x, attn_mask=blocked, need_weights=True, average_attn_weights=False)[0]

        if case["pass"] == "forward":
            def run():
                with torch.no_grad():
                    forward()
        else:
            params = [x, *mha.parameters()]

            def run():
                torch.autograd.grad(forward().sum(), params)
        return run, lambda: None

    class Block(nn.Module):
        """Pre-LN GPT block with a fused QKV projection and an optional key/value cache."""

        def __init__(self, d, h, d_ff, p):
            super().__init__()
            self.h = h
            self.norm1, self.norm2 = nn.LayerNorm(d), nn.LayerNorm(d)
            self.qkv, self.out = nn.Linear(d, 3 * d), nn.Linear(d, d)
            self.linear1, self.linear2 = nn.Linear(d, d_ff), nn.Linear(d_ff, d)
            self.attn_drop, self.ff_drop = nn.Dropout(p), nn.Dropout(p)
            self.drop1, self.drop2 = nn.Dropout(p), nn.Dropout(p)

        def forward(self, x, mask, cache=None):
            b, t, d = x.shape
            heads = lambda y: y.view(b, -1, self.h, d // self.h).transpose(1, 2)  # [B, H, T, dh]
            q, k, v = (heads(y) for y in self.qkv(self.norm1(x)).split(d, dim=2))
            if cache is not None:
                if "k" in cache:
                    k, v = torch.cat([cache["k"], k], 2), torch.cat([cache["v"], v], 2)
                cache["k"], cache["v"] = k, v
            y, _ = attend(q, k, v, mask, self.attn_drop)
            x = x + self.drop1(self.out(y.transpose(1, 2).reshape(b, t, d)))
            return x + self.drop2(self.linear2(self.ff_drop(F.gelu(self.linear1(self.norm2(x))))))

    class Gpt(nn.Module):
        def __init__(self):
            super().__init__()
            d = c["D"]
            self.wte, self.wpe = nn.Embedding(c["V"], d), nn.Embedding(c["T"], d)
            nn.init.normal_(self.wte.weight, std=0.02)
            nn.init.normal_(self.wpe.weight, std=0.02)
            self.drop = nn.Dropout(c["dropout"])
            self.blocks = nn.ModuleList(Block(d, c["H"], c["dFF"], c["dropout"]) for _ in range(c["L"]))
            self.norm = nn.LayerNorm(d)
            self.register_buffer("causal", torch.tril(torch.ones(c["T"], c["T"], dtype=torch.bool)))

        def forward(self, ids, past=0, caches=None):
            t = ids.shape[1]
            h = self.drop(self.wte(ids) + self.wpe(torch.arange(past, past + t)))
            mask = self.causal[past:past + t, :past + t]
            for i, block in enumerate(self.blocks):
                h = block(h, mask, None if caches is None else caches[i])
            return self.norm(h) @ self.wte.weight.T  # tied LM head

    def train_step(model, loss_fn):
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
        model.train()

        def run():
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn()
            loss.backward()
            optimizer.step()
            loss.item()
        return run

    if kind == "train-gpt":
        model = Gpt()
        seq = torch.randint(0, c["V"], (c["B"], c["T"] + 1))
        x, y = seq[:, :-1], seq[:, 1:]
        return train_step(model, lambda: F.cross_entropy(model(x).reshape(-1, c["V"]), y.reshape(-1))), lambda: None

    if kind == "train-seq2seq":
        d = c["D"]

        class Seq2Seq(nn.Module):
            """Post-LN encoder–decoder (ReLU), embeddings · √d + sinusoids, tied output projection."""

            def __init__(self):
                super().__init__()
                self.src_emb, self.tgt_emb = nn.Embedding(c["V"], d), nn.Embedding(c["V"], d)
                for e in (self.src_emb, self.tgt_emb):
                    nn.init.normal_(e.weight, std=d ** -0.5)
                pos = torch.arange(c["maxLen"], dtype=torch.float64)[:, None]
                two_i = torch.arange(0, d, 2, dtype=torch.float64)
                pe = torch.zeros(c["maxLen"], d, dtype=torch.float64)
                pe[:, 0::2] = torch.sin(pos / 10000 ** (two_i / d))
                pe[:, 1::2] = torch.cos(pos / 10000 ** (two_i / d))
                self.register_buffer("pe", pe.float())
                self.drop = nn.Dropout(c["dropout"])
                layer = dict(d_model=d, nhead=c["H"], dim_feedforward=c["dFF"], dropout=c["dropout"], batch_first=True)
                self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(**layer), c["L"], enable_nested_tensor=False)
                self.decoder = nn.TransformerDecoder(nn.TransformerDecoderLayer(**layer), c["L"])
                self.register_buffer("blocked", ~torch.tril(torch.ones(c["Tt"], c["Tt"], dtype=torch.bool)))

            def embed(self, table, ids):
                return self.drop(table(ids) * math.sqrt(d) + self.pe[: ids.shape[1]])

            def forward(self, src, tgt):
                memory = self.encoder(self.embed(self.src_emb, src))
                out = self.decoder(self.embed(self.tgt_emb, tgt), memory, tgt_mask=self.blocked)
                return out @ self.tgt_emb.weight.T

        model = Seq2Seq()
        src = torch.randint(0, c["V"], (c["B"], c["Ts"]))
        tgt = torch.randint(0, c["V"], (c["B"], c["Tt"] + 1))
        tgt_in, tgt_out = tgt[:, :-1], tgt[:, 1:]
        loss_fn = lambda: F.cross_entropy(model(src, tgt_in).reshape(-1, c["V"]), tgt_out.reshape(-1))
        return train_step(model, loss_fn), lambda: None

    if kind == "generate":
        model = Gpt().eval()
        prompt = [(i * 37 + 11) % c["V"] for i in range(c["prompt"])]

        @torch.no_grad()
        def run():
            ids = list(prompt)
            caches = [dict() for _ in model.blocks] if c["useCache"] else None
            for step in range(c["newTokens"]):
                if caches is not None and step > 0:
                    logits = model(torch.tensor([ids[-1:]]), len(ids) - 1, caches)  # only the newest token
                else:
                    logits = model(torch.tensor([ids[-c["T"]:]]), 0, caches)
                ids.append(int(logits[0, -1].argmax()))
        return run, lambda: None

    raise ValueError(f"tipo de caso desconocido: {kind}")


if __name__ == "__main__":
    main()
