// What the remote-device suites share: a server on a free loopback port, in this process, with
// CPU devices; a client for it; and the comparison of two outcomes, the local engine's being
// the reference for the remote path.
#pragma once

#include "core/device/device.h"
#include "core/remote/remote_device.h"
#include "core/remote/server.h"

#include <QString>
#include <QTest>

#include <memory>
#include <mutex>
#include <vector>

namespace testremote {

using namespace atlas;

/// A started server with `devices` CPU devices; its log lines are kept.
struct LocalServer {
  explicit LocalServer(remote::ServerOptions o = {}, int devices = 1) {
    if (o.listen == "127.0.0.1:50051") o.listen = "127.0.0.1:0";
    o.log = [this](const std::string& line) {
      std::lock_guard lock(mutex);
      log.push_back(line);
    };
    std::vector<std::unique_ptr<core::Device>> d;
    for (int i = 0; i < devices; ++i) d.push_back(std::make_unique<core::CpuDevice>());
    server = std::make_unique<remote::DeviceServer>(o, std::move(d));
    server->start();
  }
  std::string address() const { return "127.0.0.1:" + std::to_string(server->port()); }
  remote::RemoteOptions client(const std::string& token = {}) const {
    remote::RemoteOptions c;
    c.address = address();
    c.token = token;
    return c;
  }
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex);
    return log;
  }
  std::mutex mutex;
  std::vector<std::string> log;
  std::unique_ptr<remote::DeviceServer> server;
};

/// An empty string when `a` and `b` hold the same result to float rounding (`tol` absolute on
/// weights, outputs and traces; masks, components, shapes and pair sets exactly), else what
/// differs first.
inline QString difference(const core::JobOutcome& a, const core::JobOutcome& b, float tol = 1e-6f) {
  if (a.ok() != b.ok()) return "one failed: " + QString::fromStdString(a.message() + b.message());
  if (!a.ok()) return a.message() == b.message() ? QString() : "different errors";
  const core::VariantResult &x = *a.result, &y = *b.result;
  if (x.variant != y.variant || !(x.dims == y.dims) || !(x.requested == y.requested))
    return "variant or shapes differ";
  if (x.heads() != y.heads() || x.sparse() != y.sparse() || x.pooled() != y.pooled())
    return "weights of a different form";
  if (x.weightRows() != y.weightRows() || x.weightCols() != y.weightCols()) return "weight shapes";
  if (x.hasComponents() != y.hasComponents()) return "components";
  for (core::Index h = 0; h < x.heads(); ++h) {
    if (x.pairs(h) != y.pairs(h)) return QString("pairs of head %1").arg(h);
    for (core::Index i = 0; i < x.weightRows(); ++i)
      for (core::Index j = 0; j < x.weightCols(); ++j) {
        if (std::abs(x.weight(h, i, j) - y.weight(h, i, j)) > tol)
          return QString("weight (%1, %2, %3): %4 vs %5")
              .arg(h)
              .arg(i)
              .arg(j)
              .arg(x.weight(h, i, j))
              .arg(y.weight(h, i, j));
        if (x.computed(h, i, j) != y.computed(h, i, j))
          return QString("mask (%1, %2, %3)").arg(h).arg(i).arg(j);
        if (x.hasComponents() && x.component(h, i, j) != y.component(h, i, j))
          return QString("component (%1, %2, %3)").arg(h).arg(i).arg(j);
      }
  }
  if (x.pooled() && x.pooledMax() != y.pooledMax()) return "pooling mode";
  const auto near = [tol](const core::Matrix& p, const core::Matrix& q) {
    return p.rows() == q.rows() && p.cols() == q.cols() &&
           (p.size() == 0 || (p - q).cwiseAbs().maxCoeff() <= tol);
  };
  if (!near(x.output, y.output)) return "output";
  const core::Trace &rx = x.trace, &ry = y.trace;
  if (rx.tiles.has_value() != ry.tiles.has_value() ||
      (rx.tiles && (rx.tiles->rows != ry.tiles->rows || rx.tiles->cols != ry.tiles->cols ||
                    rx.tiles->causal != ry.tiles->causal)))
    return "flash tiles";
  if (rx.pages.has_value() != ry.pages.has_value() ||
      (rx.pages && rx.pages->size != ry.pages->size))
    return "pages";
  if (rx.routing.has_value() != ry.routing.has_value() ||
      (rx.routing && rx.routing->block != ry.routing->block))
    return "routing";
  if (rx.orders.has_value() != ry.orders.has_value() ||
      (rx.orders &&
       (rx.orders->features != ry.orders->features || rx.orders->causal != ry.orders->causal ||
        rx.orders->randomFeatures != ry.orders->randomFeatures)))
    return "orders";
  if (rx.queryBuckets != ry.queryBuckets || rx.keyBuckets != ry.keyBuckets) return "buckets";
  const auto tx = x.trace.files(), ty = y.trace.files();
  if (tx.size() != ty.size()) return "trace entries";
  for (std::size_t i = 0; i < tx.size(); ++i)
    if (tx[i].first != ty[i].first || !near(tx[i].second, ty[i].second))
      return "trace " + QString::fromStdString(tx[i].first);
  if (x.params.matrices.size() != y.params.matrices.size()) return "parameter matrices";
  for (const auto& [name, m] : x.params.matrices)
    if (!y.params.matrices.count(name) || !near(m, y.params.matrices.at(name)))
      return "parameter " + QString::fromStdString(name);
  if (x.params.numbers != y.params.numbers || x.params.texts != y.params.texts) return "parameters";
  if (x.componentNames != y.componentNames || x.scoreEvaluations != y.scoreEvaluations)
    return "component names or score evaluations";
  if (x.cost.flops() != y.cost.flops() || x.cost.peak != y.cost.peak) return "cost";
  if (a.inputs->queryTokens != b.inputs->queryTokens || !near(a.inputs->q, b.inputs->q))
    return "inputs";
  return {};
}

}  // namespace testremote
