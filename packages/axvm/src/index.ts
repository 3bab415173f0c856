export type { AxVCpuConfig, VCpuAffinity, VMImageConfig } from "./config.js";
export { AxVMConfig, PhysCpuList } from "./config.js";
export type {
  BaseDeviceOps,
  BaseMmioDeviceOps,
  BasePortDeviceOps,
  BaseSysRegDeviceOps,
} from "./device/base-device-ops.js";
export { AxVmDevices } from "./device/devices.js";
export type { LoongArchPchPicOptions, PchPicOutput, PchPicState } from "./device/loongarch-pch-pic.js";
export {
  LoongArchPchPic,
  PCH_PIC_WINDOW_SIZE,
  QEMU_VIRT_PCH_PIC_BASE,
  QEMU_VIRT_UART_PCH_PIN,
} from "./device/loongarch-pch-pic.js";
export type { Ns16550aOptions } from "./device/ns16550a.js";
export { Ns16550a, QEMU_VIRT_LOONGARCH_UART_BASE } from "./device/ns16550a.js";
export type { PowerEvent } from "./device/qemu-virt-power.js";
export {
  PowerRegisterDevice,
  QEMU_VIRT_GED_REGS_BASE,
  QEMU_VIRT_PM_BASE,
  QemuGedPowerRegs,
  QemuVirtPm,
} from "./device/qemu-virt-power.js";
export type { Elf64Image, ElfSegment, ParseElfOptions } from "./image/elf.js";
export { EM_LOONGARCH, isElf, parseElf64 } from "./image/elf.js";
export { ImageLoadError } from "./image/error.js";
export type { GuestImageTarget, LoadedImage, LoadedRange, LoadImageOptions } from "./image/loader.js";
export {
  loadCmdline,
  loadElfImage,
  loadKernelImage,
  loadRawImage,
  QEMU_LOONGARCH_PADDR_MASK,
} from "./image/loader.js";
export type {
  AxVMOptions,
  PassthroughRegion,
  VCpuCreateInfo,
  VCpuSetupInfo,
  VMMemoryRegion,
} from "./vm.js";
export { AxVM } from "./vm.js";
export { VMStatus, vmStatusAsStr, vmStatusWithIcon } from "./vm-status.js";
export type {
  EmulatedDeviceConfig,
  PassThroughAddressConfig,
  PassThroughDeviceConfig,
  VMBaseConfig,
  VMDevicesConfig,
  VMKernelConfig,
  VmMemConfig,
} from "./vmconfig/crate-config.js";
export { AxVMCrateConfig } from "./vmconfig/crate-config.js";
export {
  EmulatedDeviceType,
  emulatedDeviceTypeFromUsize,
  emulatedDeviceTypeName,
  emulatedDeviceTypeRemovable,
  VMInterruptMode,
  VMType,
  VmMemMappingType,
  vmTypeFromUsize,
} from "./vmconfig/enums.js";
export { AxVMConfigError } from "./vmconfig/error.js";
export { vmConfigJsonSchema } from "./vmconfig/schema.js";
export type { VmConfigTemplateOptions } from "./vmconfig/to-toml.js";
export { vmConfigTemplate, vmConfigToToml } from "./vmconfig/to-toml.js";
