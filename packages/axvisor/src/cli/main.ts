console.log("axvisor");
