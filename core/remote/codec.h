// Between the engine's types and the wire's (atlas_device.proto): tensors, parameters, inputs,
// requests and errors. Decoding checks everything a client may send wrong (negative sizes,
// unknown variants, bytes that disagree with a shape) and throws core::Error(InvalidArgument)
// with one sentence.
#pragma once

#include "atlas_device.pb.h"

#include "core/device/device.h"

#include <string>

namespace atlas::remote {

namespace pb = ::atlas::device::v1;

/// A float matrix as an F32 tensor of shape rows x cols.
void putMatrix(pb::Tensor* out, const core::Matrix& m);
/// An F32 tensor of one or two dimensions as a matrix (a vector: one column); `what` names it
/// in errors.
core::Matrix toMatrix(const pb::Tensor& t, const std::string& what);
/// Bytes one element of `dtype` takes.
std::size_t dtypeBytes(pb::Tensor::DType dtype);
/// The bytes a tensor of this shape and type must hold; throws for a negative or overflowing
/// shape.
std::size_t tensorBytes(pb::Tensor::DType dtype,
                        const google::protobuf::RepeatedField<std::int64_t>& shape,
                        const std::string& what);

void putParams(pb::Parameters* out, const core::ParamSet& params, bool withMatrices);
/// Parameters of `variant` as sent: numbers and texts through the variant's own checks (ranges,
/// names), matrices by name.
core::ParamSet toParams(const pb::Parameters& in, const core::Variant& variant);

void putDims(pb::Dims* out, const core::InputDims& d);
core::InputDims toDims(const pb::Dims& d);

/// A request as sent: the spec or the loaded tensors, every job, the limits.
pb::ComputeRequest encodeRequest(const core::EngineRequest& request, bool omitWeights = false);
/// The engine's request; `maxN` (0: none) refuses larger N or M with Error(TooLarge) before
/// anything is allocated.
core::EngineRequest decodeRequest(const pb::ComputeRequest& in, core::Index maxN);

/// The largest N and M a request asks for, read from its spec or tensor shapes.
core::Index requestedLength(const pb::ComputeRequest& in);

pb::JobError encodeError(int job, const core::Error& e);
core::Error decodeError(const pb::JobError& e);

pb::Execution encodeExecution(core::Execution e);
core::Execution decodeExecution(pb::Execution e);

pb::DeviceInfo encodeInfo(const core::DeviceInfo& info);
core::DeviceInfo decodeInfo(const pb::DeviceInfo& info);

}  // namespace atlas::remote
