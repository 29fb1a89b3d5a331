// The cases test_remote_torch runs on the PyTorch server and on this engine: each variant's
// parameters beyond its defaults, and one-job requests on generated inputs.
#pragma once

#include "core/engine.h"
#include "core/remote/remote_device.h"

#include <QStringList>

#include <map>
#include <memory>
#include <string>

namespace torchcases {

using atlas::core::EngineRequest;
using atlas::core::Index;
using atlas::core::ParamSet;
using atlas::core::Variant;

inline constexpr const char* kSentence = "The quick brown fox jumps over the lazy dog";

/// Further parameters of each variant beyond its defaults and the causal flag.
inline const std::map<std::string, QStringList> kExtraParams = {
    {"scaled_dot", {"scaled=0", "valid_keys=20", "valid_keys=20;causal=1"}},
    {"multi_head", {"heads=2", "heads=8;causal=1"}},
    {"grouped_query", {"heads=4;groups=1", "heads=4;groups=4;causal=1"}},
    {"flash", {"tile_q=8;tile_k=5", "tile_q=7;tile_k=16;causal=1", "tile_q=64;tile_k=64"}},
    {"local_window", {"window=0", "window=5;causal=1"}},
    {"block_local", {"block=5", "block=1;causal=1"}},
    {"strided", {"stride=1", "stride=4;causal=1"}},
    {"global_tokens", {"global=0", "global=3;causal=1"}},
    {"mixed_heads", {"heads=2;patterns=full, local", "heads=8;patterns=global,strided;causal=1"}},
    {"sparse_fixed", {"block=5;summary=2", "summary=0;causal=1"}},
    {"dilated", {"segment=2;configs=4", "configs=1;causal=1"}},
    {"kmeans", {"clusters=1", "clusters=5;iters=0", "clusters=6;iters=3;causal=1"}},
    {"sinkhorn", {"other_block=0", "block=5;iters=0", "block=3;tau=0.2;causal=1"}},
    {"compressed", {"pool=5", "pool=1", "pool=100"}},
    {"aft", {"span=3", "span=2;causal=1"}},
};

/// Options of a client of `address` sending `token` (empty: none).
inline atlas::remote::RemoteOptions clientOptions(const std::string& address,
                                                  const std::string& token = "") {
  atlas::remote::RemoteOptions o;
  o.address = address;
  o.token = token;
  return o;
}

/// A request of one job on generated inputs (source "random", "clustered" or "sentence:TEXT").
inline EngineRequest request(const Variant& v, const ParamSet& p, const QString& source, Index n,
                             Index m) {
  EngineRequest r;
  r.spec = atlas::core::parseInputSource(source.toStdString());
  r.spec.n = n;
  r.spec.m = m;
  r.spec.seed = 11;
  r.jobs.push_back({&v, p});
  // A variant that adapts the inputs' shapes (grouped_query narrows K and V) gets them
  // generated at its own shapes here: the client sends Q, K, V at the base shapes
  // (groupedQueryOnGeneratedInputs).
  const atlas::core::InputDims base = atlas::core::baseDims(r.spec);
  const atlas::core::InputDims own = v.inputDims(base, p);
  if (!(own == base))
    r.loaded =
        std::make_shared<const atlas::core::Inputs>(atlas::core::generateInputs(r.spec, own));
  return r;
}

}  // namespace torchcases
